// The pooled SMTP transport, on a thread of its own (`mailer.ts` starts it). An SMTP send is a
// handful of round trips (MAIL FROM, RCPT TO, DATA, the body, the final dot), and each one is
// answered on the event loop of the thread that holds the socket. On the service's main thread
// every answer waited for the libSQL write batch in progress (libSQL runs statements
// synchronously): measured in the reminder fan-out, a send took 3–12 s while enrolments were
// being consumed against 60–90 ms otherwise. Here the round trips and the MIME building run
// beside the database work; the main thread pays one message each way.
import { parentPort, workerData } from "node:worker_threads";
import nodemailer, { type SendMailOptions } from "nodemailer";

export interface SmtpWorkerData {
  url: string;
  poolSize: number;
}

export type SmtpWorkerRequest = { type: "send"; id: number; mail: SendMailOptions } | { type: "close" };

export type SmtpWorkerReply =
  | { id: number; ok: true; messageId: string | undefined }
  | { id: number; ok: false; message: string; responseCode: number | undefined };

const port = parentPort;
if (!port) throw new Error("smtp-worker runs as a worker thread");
const options = workerData as SmtpWorkerData;
const transport = nodemailer.createTransport({
  url: options.url,
  pool: true,
  maxConnections: options.poolSize,
  // Reconnecting costs the server's greeting delay each time; keep connections for good.
  maxMessages: Number.POSITIVE_INFINITY,
});

port.on("message", (request: SmtpWorkerRequest) => {
  if (request.type === "close") {
    transport.close();
    port.close();
    return;
  }
  transport.sendMail(request.mail).then(
    (info) =>
      port.postMessage({ id: request.id, ok: true, messageId: info.messageId } satisfies SmtpWorkerReply),
    (error: unknown) => {
      const responseCode = (error as { responseCode?: unknown }).responseCode;
      port.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        responseCode: typeof responseCode === "number" ? responseCode : undefined,
      } satisfies SmtpWorkerReply);
    },
  );
});
