// Sends due messages. A batch is claimed with a lease in one UPDATE … RETURNING, so two processes
// never send the same row at once and a crashed sender's rows are taken over when the lease ends.
// The result and its `notifications.message.*` event are written in one transaction.
import { enqueue } from "@relais/bus";
import { createEvent, MessageFailed, MessageSent } from "@relais/contracts";
import type { Database } from "@relais/db";
import type { Logger } from "@relais/service-kit";
import { and, asc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { loadSeries, venueOf } from "../calendar/series-store.js";
import { DeliveryError } from "../channels/delivery-error.js";
import type { Mailer } from "../channels/mailer.js";
import type { SmsSender } from "../channels/sms-gateway.js";
import { loadContact } from "../contacts/contact-book.js";
import type * as schema from "../db/schema.js";
import { messages } from "../db/schema.js";
import { retryDelayMs } from "../domain/backoff.js";
import { formatWhen } from "../domain/format.js";
import { nextSafeMoment } from "../domain/safe-window.js";
import { renderMessage, type TemplateName } from "../domain/templates.js";
import type { NotifyDeps } from "../settings.js";
import { openPayload } from "./queue.js";

export interface DispatcherOptions extends NotifyDeps {
  database: Database<typeof schema>;
  logger: Logger;
  mailer: Mailer;
  sms: SmsSender | null;
  batch: number;
  leaseMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** Sends in flight at once (the SMTP pool size). */
  concurrency: number;
}

type Row = typeof messages.$inferSelect;

type Outcome =
  | { kind: "sent"; providerId: string }
  | { kind: "suppressed"; reason: string }
  | { kind: "held"; until: Date; reason: string }
  | { kind: "error"; error: DeliveryError };

export function createDispatcher(options: DispatcherOptions) {
  const { database, box, clock, logger } = options;
  const domain = options.settings.mailFrom.split("@")[1] ?? "relais.local";

  async function claim(): Promise<Row[]> {
    const now = clock.now();
    const at = now.toISOString();
    const leaseUntil = new Date(now.getTime() + options.leaseMs).toISOString();
    return database.write((tx) =>
      tx
        .update(messages)
        .set({ status: "sending", leaseUntil, attempts: sql`${messages.attempts} + 1`, updatedAt: at })
        .where(
          inArray(
            messages.id,
            tx
              .select({ id: messages.id })
              .from(messages)
              .where(
                or(
                  and(eq(messages.status, "queued"), lte(messages.nextAttemptAt, at)),
                  and(eq(messages.status, "sending"), lt(messages.leaseUntil, at)),
                ),
              )
              .orderBy(asc(messages.nextAttemptAt))
              .limit(options.batch),
          ),
        )
        .returning(),
    );
  }

  /** Builds the text now, from the session and the contact as they are at this moment. */
  async function attempt(row: Row): Promise<Outcome> {
    const payload = openPayload(box, row.sealed);
    if (!payload.to) return { kind: "suppressed", reason: "no_address" };
    const now = clock.now();
    const params = { ...payload.params };
    let sessionStartsAt: number | undefined;
    if (payload.reminder) {
      const series = await loadSeries(database.db, payload.reminder.groupId);
      const session = series?.sessions.find((s) => s.sessionId === payload.reminder?.sessionId);
      if (!series || !session || session.status === "cancelled")
        return { kind: "suppressed", reason: "session_cancelled" };
      sessionStartsAt = Date.parse(session.startsAt);
      if (sessionStartsAt !== Date.parse(payload.reminder.plannedStartsAt))
        return { kind: "suppressed", reason: "session_moved" };
      if (sessionStartsAt <= now.getTime()) return { kind: "suppressed", reason: "session_started" };
      params.groupName = series.publicName;
      params.when = formatWhen(session.startsAt, series.timeZone, row.language);
      params.place = venueOf(series);
    }
    if (row.personRef) {
      const contact = await loadContact(database.db, box, row.personRef);
      if (!contact) return { kind: "suppressed", reason: "no_contact" };
      if (contact.preferences.doNotContact) return { kind: "suppressed", reason: "do_not_contact" };
      if (row.channel === "sms") {
        const next = nextSafeMoment(contact.preferences.safeWindows, contact.timeZone, now);
        if (!next || (sessionStartsAt !== undefined && next.getTime() >= sessionStartsAt))
          return { kind: "suppressed", reason: "no_safe_window" };
        if (next.getTime() > now.getTime())
          return { kind: "held", until: next, reason: "waiting_for_safe_window" };
      }
    }
    const rendered = renderMessage({
      template: row.template as TemplateName,
      language: row.language,
      discreet: row.discreet,
      params,
    });
    try {
      if (row.channel === "email") {
        return {
          kind: "sent",
          ...(await options.mailer.send({
            from: { name: rendered.senderName, address: options.settings.mailFrom },
            to: payload.to,
            subject: rendered.subject,
            text: rendered.text,
            messageId: `<${row.id}@${domain}>`,
            ics: payload.ics,
          })),
        };
      }
      if (!options.sms) return { kind: "suppressed", reason: "sms_gateway_not_configured" };
      return {
        kind: "sent",
        ...(await options.sms.send({ to: payload.to, text: rendered.sms, reference: row.id })),
      };
    } catch (error) {
      return {
        kind: "error",
        error: error instanceof DeliveryError ? error : new DeliveryError(String(error), false),
      };
    }
  }

  async function record(row: Row, outcome: Outcome): Promise<void> {
    const now = clock.now();
    const at = now.toISOString();
    const ours = and(
      eq(messages.id, row.id),
      eq(messages.status, "sending"),
      eq(messages.leaseUntil, row.leaseUntil ?? ""),
    );
    const ref = {
      messageId: row.id,
      channel: row.channel,
      template: row.template,
      ...(row.personRef ? { personRef: row.personRef } : {}),
      attempts: row.attempts,
    };
    await database.write(async (tx) => {
      switch (outcome.kind) {
        case "sent": {
          const updated = await tx
            .update(messages)
            .set({
              status: "sent",
              providerId: outcome.providerId || null,
              reason: null,
              leaseUntil: null,
              sentAt: at,
              updatedAt: at,
            })
            .where(ours)
            .returning({ id: messages.id });
          if (updated.length > 0)
            await enqueue(
              tx,
              createEvent(MessageSent, {
                orgId: row.orgId,
                source: "notifications",
                data: { ...ref, providerId: outcome.providerId || undefined },
              }),
            );
          return;
        }
        case "suppressed":
          await tx
            .update(messages)
            .set({ status: "suppressed", reason: outcome.reason, leaseUntil: null, updatedAt: at })
            .where(ours);
          return;
        case "held":
          // Waiting is not an attempt.
          await tx
            .update(messages)
            .set({
              status: "queued",
              reason: outcome.reason,
              nextAttemptAt: outcome.until.toISOString(),
              attempts: row.attempts - 1,
              leaseUntil: null,
              updatedAt: at,
            })
            .where(ours);
          return;
        case "error": {
          const final = outcome.error.permanent || row.attempts >= options.maxAttempts;
          if (!final) {
            const retryAt = new Date(now.getTime() + retryDelayMs(row.attempts, options.retryBaseMs));
            await tx
              .update(messages)
              .set({
                status: "queued",
                reason: outcome.error.message,
                nextAttemptAt: retryAt.toISOString(),
                leaseUntil: null,
                updatedAt: at,
              })
              .where(ours);
            return;
          }
          const updated = await tx
            .update(messages)
            .set({ status: "failed", reason: outcome.error.message, leaseUntil: null, updatedAt: at })
            .where(ours)
            .returning({ id: messages.id });
          if (updated.length > 0)
            await enqueue(
              tx,
              createEvent(MessageFailed, {
                orgId: row.orgId,
                source: "notifications",
                data: { ...ref, reason: outcome.error.message },
              }),
            );
        }
      }
    });
  }

  async function process(row: Row): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await attempt(row);
    } catch (error) {
      logger.error({ err: error, messageId: row.id }, "could not prepare message");
      outcome = {
        kind: "error",
        error: new DeliveryError("internal error while preparing the message", false),
      };
    }
    if (outcome.kind === "error")
      logger.warn(
        { messageId: row.id, attempts: row.attempts, reason: outcome.error.message },
        "send failed",
      );
    await record(row, outcome);
  }

  return {
    /** Sends one batch; resolves with how many rows it claimed. */
    async tick(): Promise<number> {
      const rows = await claim();
      let next = 0;
      const workers = Array.from({ length: Math.min(options.concurrency, rows.length) }, async () => {
        while (next < rows.length) {
          const row = rows[next++];
          if (row) await process(row);
        }
      });
      await Promise.all(workers);
      return rows.length;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
