// E-mail out: a pooled SMTP transport when SMTP_URL is set, else `.eml` files in a folder so the
// local stack runs with no mail server.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { DeliveryError } from "./delivery-error.js";

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

function toNodemailer(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    ...(mail.ics
      ? { icalEvent: { method: mail.ics.method, filename: "invite.ics", content: mail.ics.content } }
      : {}),
  };
}

function classify(error: unknown): DeliveryError {
  const responseCode = (error as { responseCode?: unknown }).responseCode;
  const message = error instanceof Error ? error.message : String(error);
  const permanent = typeof responseCode === "number" && responseCode >= 500 && responseCode < 600;
  return new DeliveryError(`smtp: ${message}`.slice(0, 500), permanent);
}

export function smtpMailer(options: { url: string; poolSize: number }): Mailer {
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.poolSize,
    // Reconnecting costs the server's greeting delay each time; keep connections for good.
    maxMessages: Number.POSITIVE_INFINITY,
  });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail(toNodemailer(mail));
        return { providerId: String(info.messageId ?? mail.messageId) };
      } catch (error) {
        throw classify(error);
      }
    },
    close: () => transport.close(),
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
