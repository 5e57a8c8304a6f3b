// E-mail out: a pooled SMTP transport on a worker thread when SMTP_URL is set, else `.eml` files in
// a folder so the local stack runs with no mail server.
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import nodemailer from "nodemailer";
import { DeliveryError } from "./delivery-error.js";
import type { SmtpWorkerData, SmtpWorkerReply, SmtpWorkerRequest } from "./smtp-worker.js";

export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  /** Stable per message row, so a resend after a crash is recognisably the same message. */
  messageId: string;
  ics?: { method: "REQUEST" | "CANCEL"; content: string };
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ providerId: string }>;
  close(): void;
}

function toNodemailer({ from, to, subject, text, messageId, ics }: OutgoingMail) {
  const icalEvent = ics && { method: ics.method, filename: "invite.ics", content: ics.content };
  return { from, to, subject, text, messageId, ...(icalEvent ? { icalEvent } : {}) };
}

function classify(error: { message: string; responseCode?: number }): DeliveryError {
  const { responseCode } = error;
  const permanent = typeof responseCode === "number" && responseCode >= 500 && responseCode < 600;
  return new DeliveryError(`smtp: ${error.message}`.slice(0, 500), permanent);
}

/**
 * The worker's module: beside this file when it runs from source (tests, `pnpm dev`), beside the
 * bundle as `smtp-worker.js` when it runs from `dist/` (the build emits both).
 */
function workerModule(): { url: URL; fromSource: boolean } {
  const fromSource = import.meta.url.endsWith(".ts");
  return { url: new URL(fromSource ? "./smtp-worker.ts" : "./smtp-worker.js", import.meta.url), fromSource };
}

function startWorker(data: SmtpWorkerData): Worker {
  const { url, fromSource } = workerModule();
  if (!fromSource) return new Worker(url, { workerData: data });
  // A worker does not inherit the tsx loader: register it in the thread, then load the module.
  const tsx = join(
    dirname(createRequire(import.meta.url).resolve("tsx/package.json")),
    "dist/esm/api/index.mjs",
  );
  const code = `import(${JSON.stringify(pathToFileURL(tsx).href)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true, workerData: data });
}

/**
 * Pooled SMTP (`poolSize` connections, kept open) on a worker thread (`smtp-worker.ts` says why),
 * started at the first send so an idle service holds no second thread.
 */
export function smtpMailer(options: { url: string; poolSize: number }): Mailer {
  let worker: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<
    number,
    { resolve: (reply: SmtpWorkerReply) => void; reject: (error: Error) => void }
  >();

  function thread(): Worker {
    if (worker) return worker;
    const started = startWorker({ url: options.url, poolSize: options.poolSize });
    started.on("message", (reply: SmtpWorkerReply) => {
      const entry = waiting.get(reply.id);
      waiting.delete(reply.id);
      entry?.resolve(reply);
    });
    const lost = (reason: string) => {
      if (worker !== started) return;
      worker = undefined;
      // The sends in flight may or may not have reached the server: retried like any transient
      // failure, with the same Message-ID.
      for (const entry of waiting.values()) entry.reject(new DeliveryError(`smtp: ${reason}`, false));
      waiting.clear();
    };
    started.on("error", (error) => lost(`mail thread failed: ${error.message}`));
    started.on("exit", (code) => lost(`mail thread exited (${code})`));
    // The thread never keeps the process alive: `close` ends it, and a SIGKILL ends everything.
    started.unref();
    worker = started;
    return started;
  }

  return {
    async send(mail) {
      const id = nextId++;
      const reply = await new Promise<SmtpWorkerReply>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        thread().postMessage({ type: "send", id, mail: toNodemailer(mail) } satisfies SmtpWorkerRequest);
      });
      if (!reply.ok) throw classify(reply);
      return { providerId: String(reply.messageId ?? mail.messageId) };
    },
    close() {
      const current = worker;
      worker = undefined;
      // The transport closes its connections once the sends in flight are done; then the thread ends.
      current?.postMessage({ type: "close" } satisfies SmtpWorkerRequest);
    },
  };
}

/** Writes each message as `<dir>/<message id>.eml`. */
export function fileMailer(options: { dir: string }): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    async send(mail) {
      const info = await transport.sendMail(toNodemailer(mail));
      const name = `${mail.messageId.replace(/[^A-Za-z0-9._-]/g, "_")}.eml`;
      await mkdir(options.dir, { recursive: true });
      const path = join(options.dir, name);
      await writeFile(path, info.message as Buffer);
      return { providerId: `file:${name}` };
    },
    close: () => transport.close(),
  };
}
