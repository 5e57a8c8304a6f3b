// JetStream publishes awaiting their acks on one reply subscription, for the outbox relay.
//
// Why not `js.publish`: it is a request per message, and nats.js builds a "cancelled" NatsError
// (a stack trace) for every request it completes, besides a timer, a deferred and a mux entry
// each: ~2 % of the referrals process under intake for the Error alone. Here a batch's messages
// are published with reply subjects under one wildcard subscription of the connection, matched
// to their acks by the reply's last token, and timed out together. The ack is what JetStream
// sends `js.publish`: `{ stream, seq, duplicate? }`, or `{ error }`, or a 503 status when no
// stream takes the subject.
import { createInbox, headers, JSONCodec, type Msg, type NatsConnection, type Subscription } from "nats";

export interface Publication {
  subject: string;
  data: Uint8Array;
  /** JetStream's `Nats-Msg-Id`: a second publish within the duplicate window is not stored again. */
  msgID: string;
}

export interface AckedPublisher {
  /** Publishes every message; each settles on its ack, or rejects when none came within `timeoutMs`. */
  publish(messages: Publication[]): Promise<PromiseSettledResult<void>[]>;
}

interface Waiting {
  resolve(): void;
  reject(error: Error): void;
}

const acks = JSONCodec<{ stream?: string; error?: { code?: number; description?: string } }>();

export function ackedPublisher(nc: NatsConnection, timeoutMs: number): AckedPublisher {
  let prefix = "";
  let subscription: Subscription | undefined;
  let next = 0;
  const waiting = new Map<string, Waiting>();

  function settle(message: Msg): void {
    const token = message.subject.slice(prefix.length);
    const entry = waiting.get(token);
    if (!entry) return; // timed out meanwhile, or an ack sent twice
    waiting.delete(token);
    if (message.headers?.hasError) {
      const { code, description } = message.headers;
      entry.reject(new Error(`JetStream publish refused: ${code} ${description}`));
      return;
    }
    try {
      const ack = acks.decode(message.data);
      if (ack.error)
        entry.reject(new Error(`JetStream publish refused: ${ack.error.code} ${ack.error.description}`));
      else if (!ack.stream) entry.reject(new Error("JetStream publish: an ack naming no stream"));
      else entry.resolve();
    } catch (error) {
      entry.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The connection's reply subscription, made on first use (nats.js renews it on reconnect). */
  function listen(): void {
    if (subscription && !subscription.isClosed()) return;
    prefix = `${createInbox()}.`;
    subscription = nc.subscribe(`${prefix}*`, {
      callback: (error, message) => {
        if (!error) settle(message);
      },
    });
  }

  return {
    async publish(messages) {
      listen();
      const pending = messages.map(({ subject, data, msgID }) => {
        const token = String(next++);
        const settled = new Promise<void>((resolve, reject) => waiting.set(token, { resolve, reject }));
        const h = headers();
        h.set("Nats-Msg-Id", msgID);
        try {
          nc.publish(subject, data, { reply: `${prefix}${token}`, headers: h });
        } catch (error) {
          waiting.get(token)?.reject(error instanceof Error ? error : new Error(String(error)));
          waiting.delete(token);
        }
        return { token, settled };
      });
      const timer = setTimeout(() => {
        for (const { token } of pending) {
          const entry = waiting.get(token);
          if (!entry) continue;
          waiting.delete(token);
          entry.reject(new Error(`JetStream publish: no ack within ${timeoutMs} ms`));
        }
      }, timeoutMs);
      try {
        return await Promise.allSettled(pending.map(({ settled }) => settled));
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
