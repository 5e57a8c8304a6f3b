// A real SMTP server that keeps what it receives, so mail tests go through the actual SMTP path.
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  /** The message as sent, headers and body, CRLF line ends. */
  raw: string;
  parsed: ParsedMail;
}

export interface StartSmtpSinkOptions {
  /** A free port by default. */
  port?: number;
  /** How long the sink takes to accept each message: a slow provider. */
  acceptDelayMs?: number;
  /** Per message, by its first recipient: how long to accept it (instead of `acceptDelayMs`). */
  acceptDelayFor?: (to: string) => number;
}

export interface SmtpSink {
  readonly host: string;
  readonly port: number;
  /** `smtp://127.0.0.1:<port>` */
  readonly url: string;
  /** Every accepted message, oldest first. Failed (see `failNext`) ones are not kept. */
  readonly messages: ReceivedMail[];
  /** Resolves with all messages once at least `count` have arrived; rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** The next `count` messages get a `code` reply after DATA (451 = transient, the sender should retry). */
  failNext(count: number, code?: number): void;
  clear(): void;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

interface Waiter {
  count: number;
  resolve(messages: ReceivedMail[]): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export async function startSmtpSink(options: StartSmtpSinkOptions = {}): Promise<SmtpSink> {
  const host = "127.0.0.1";
  const messages: ReceivedMail[] = [];
  const waiters = new Set<Waiter>();
  let failures: { remaining: number; code: number } = { remaining: 0, code: 451 };

  const settleWaiters = () => {
    for (const waiter of waiters) {
      if (messages.length < waiter.count) continue;
      waiters.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.resolve([...messages]);
    }
  };

  const onData = async (stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const delayMs =
      options.acceptDelayFor?.(session.envelope.rcptTo[0]?.address ?? "") ?? options.acceptDelayMs;
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (failures.remaining > 0) {
      failures.remaining--;
      throw smtpError(failures.code, "Test sink: temporary failure requested by failNext()");
    }
    const raw = Buffer.concat(chunks);
    const parsed = await simpleParser(raw);
    const mailFrom = session.envelope.mailFrom;
    messages.push({
      envelope: {
        from: mailFrom ? mailFrom.address : "",
        to: session.envelope.rcptTo.map((recipient) => recipient.address),
      },
      raw: raw.toString("utf8"),
      parsed,
    });
    settleWaiters();
  };

  const server = new SMTPServer({
    authOptional: true,
    // Services may be configured with SMTP credentials; the sink takes any over plain TCP.
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? "test" }),
    disabledCommands: ["STARTTLS"],
    // Skips the reverse DNS lookup that can hold the greeting back for up to 1.5 s.
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 1_000,
    onData: (stream, session, callback) => {
      onData(stream, session).then(
        () => callback(),
        (error: Error) => callback(error),
      );
    },
  });
  server.on("error", () => {
    // Client-side socket errors surface here; the sink only cares about complete messages.
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (address === null || typeof address === "string") throw new Error("SMTP sink: no TCP address");
  const port = address.port;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error("SMTP sink closed while waiting for messages"));
      }
      waiters.clear();
      server.close(() => resolve());
    });
    return closed;
  };

  return {
    host,
    port,
    url: `smtp://${host}:${port}`,
    messages,
    waitForMessages(count, timeoutMs = 10_000) {
      if (messages.length >= count) return Promise.resolve([...messages]);
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          count,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            const subjects = messages
              .map((message) => JSON.stringify(message.parsed.subject ?? ""))
              .join(", ");
            reject(
              new Error(
                `SMTP sink: expected ${count} message(s) within ${timeoutMs} ms but got ${messages.length}` +
                  (subjects ? ` (subjects: ${subjects})` : ""),
              ),
            );
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    failNext(count, code = 451) {
      failures = { remaining: count, code };
    },
    clear() {
      messages.length = 0;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}
