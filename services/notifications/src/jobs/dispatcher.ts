// Sends due messages. A batch is claimed with a lease in one UPDATE … RETURNING, so two processes
// never send the same row at once and a crashed sender's rows are taken over when the lease ends.
// The result and its `notifications.message.*` event are written in one transaction.
//
// One worker per pooled connection, each sending a message then recording it before the next: so
// at most one accepted-but-unrecorded message per connection can be re-sent after a crash. A row
// is sent only while at least half its lease is left, so a batch slower than its lease never
// sends a row that a later claim has taken over. The
// outcomes that are ready together are recorded in one transaction (one commit for several
// messages). The next batch is claimed while the current one is still going out, so the pool never
// waits on a claim, and a tick goes on until nothing is due. A batch's sessions and contacts are
// read once, when it is claimed, moments before its messages go out.
import { enqueue } from "@relais/bus";
import {
  createEvent,
  type Envelope,
  MessageFailed,
  MessageSent,
  type SeriesSnapshot,
} from "@relais/contracts";
import type { Database, Tx } from "@relais/db";
import { nextSafeMoment } from "@relais/safe-windows";
import type { Logger } from "@relais/service-kit";
import { and, asc, eq, inArray, lt, lte, min, or, sql } from "drizzle-orm";
import type { NotifyDeps } from "../actions/context.js";
import { DeliveryError } from "../adapters/delivery-error.js";
import type { Mailer } from "../adapters/mailer.js";
import type { SmsSender } from "../adapters/sms-gateway.js";
import { type Contact, contactKey, loadContacts } from "../db/contacts.js";
import { type MessagePayload, openPayload } from "../db/messages.js";
import type * as schema from "../db/schema.js";
import { messages } from "../db/schema.js";
import { loadSeries } from "../db/series.js";
import { retryDelayMs } from "../domain/backoff.js";
import { formatWhen } from "../domain/format.js";
import { venueOf } from "../domain/series.js";
import { renderMessage, type TemplateName } from "../domain/templates.js";

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

/** The longest an outcome waits for the other busy workers' before it is committed anyway. */
const GATHER_MS = 10;

interface Claimed {
  row: Row;
  payload: MessagePayload;
  series: SeriesSnapshot | null;
  contact: Contact | null;
}

type Outcome =
  | { kind: "sent"; providerId: string }
  | { kind: "suppressed"; reason: string }
  | { kind: "held"; until: Date; reason: string }
  | { kind: "error"; error: DeliveryError };

export function createDispatcher(options: DispatcherOptions) {
  const { database, box, clock, logger } = options;
  const domain = options.settings.mailFrom.split("@")[1] ?? "relais.local";

  const due = (at: string) =>
    or(
      and(eq(messages.status, "queued"), lte(messages.nextAttemptAt, at)),
      and(eq(messages.status, "sending"), lt(messages.leaseUntil, at)),
    );

  async function claim(): Promise<Row[]> {
    const now = clock.now();
    const at = now.toISOString();
    // Read first, so an idle claim writes nothing (a commit would wake the loop again).
    const [any] = await database.db.select({ id: messages.id }).from(messages).where(due(at)).limit(1);
    if (!any) return [];
    const leaseUntil = new Date(now.getTime() + options.leaseMs).toISOString();
    return database.write(async (tx) => {
      // Two index range scans, each stopping at the batch size: one query with OR and ORDER BY
      // would sort every due row (all 10,000 of a fan-out) on every claim.
      const lapsed = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.status, "sending"), lt(messages.leaseUntil, at)))
        .limit(options.batch);
      const queued = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.status, "queued"), lte(messages.nextAttemptAt, at)))
        .orderBy(asc(messages.nextAttemptAt))
        .limit(options.batch - lapsed.length);
      const ids = [...lapsed, ...queued].map((row) => row.id);
      if (ids.length === 0) return [];
      return tx
        .update(messages)
        .set({ status: "sending", leaseUntil, attempts: sql`${messages.attempts} + 1`, updatedAt: at })
        .where(inArray(messages.id, ids))
        .returning();
    });
  }

  /** What a claimed batch's messages are built from: each session and contact read once. */
  async function prepare(rows: Row[]): Promise<Claimed[]> {
    const opened = rows.map((row) => ({ row, payload: openPayload(box, row.sealed) }));
    const series = new Map<string, SeriesSnapshot | null>();
    for (const { payload } of opened) {
      const groupId = payload.reminder?.groupId;
      if (groupId && !series.has(groupId)) series.set(groupId, await loadSeries(database.db, groupId));
    }
    // Each message's own organisation's contact of the person, never another organisation's.
    const contacts = await loadContacts(
      database.db,
      box,
      rows.flatMap((row) => (row.personRef ? [{ orgId: row.orgId, personRef: row.personRef }] : [])),
    );
    return opened.map(({ row, payload }) => ({
      row,
      payload,
      series: payload.reminder ? (series.get(payload.reminder.groupId) ?? null) : null,
      contact: row.personRef ? (contacts.get(contactKey(row.orgId, row.personRef)) ?? null) : null,
    }));
  }

  /** Builds the text from the session and the contact as they were when the batch was claimed. */
  async function attempt({ row, payload, series, contact }: Claimed): Promise<Outcome> {
    if (!payload.to) return { kind: "suppressed", reason: "no_address" };
    const now = clock.now();
    const params = { ...payload.params };
    let sessionStartsAt: number | undefined;
    if (payload.reminder) {
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

  /**
   * The common outcome, for the whole flush in one UPDATE per lease (rows claimed together share
   * it): only rows still leased to this claim become sent, and only they get their event.
   */
  async function writeSent(
    tx: Tx,
    sent: Array<{ row: Row; outcome: Extract<Outcome, { kind: "sent" }> }>,
    now: Date,
    events: Envelope[],
  ): Promise<void> {
    const at = now.toISOString();
    const byLease = new Map<string, typeof sent>();
    for (const entry of sent) {
      const lease = entry.row.leaseUntil ?? "";
      byLease.set(lease, [...(byLease.get(lease) ?? []), entry]);
    }
    for (const [lease, entries] of byLease) {
      const providerId = sql`case ${messages.id} ${sql.join(
        entries.map(({ row, outcome }) => sql`when ${row.id} then ${outcome.providerId || null}`),
        sql` `,
      )} end`;
      const updated = await tx
        .update(messages)
        .set({ status: "sent", providerId, reason: null, leaseUntil: null, sentAt: at, updatedAt: at })
        .where(
          and(
            inArray(
              messages.id,
              entries.map(({ row }) => row.id),
            ),
            eq(messages.status, "sending"),
            eq(messages.leaseUntil, lease),
          ),
        )
        .returning({ id: messages.id });
      const ours = new Set(updated.map((row) => row.id));
      for (const { row, outcome } of entries) {
        if (!ours.has(row.id)) continue;
        events.push(
          createEvent(MessageSent, {
            orgId: row.orgId,
            source: "notifications",
            data: { ...eventRef(row), providerId: outcome.providerId || undefined },
          }),
        );
      }
    }
  }

  function eventRef(row: Row) {
    return {
      messageId: row.id,
      channel: row.channel,
      template: row.template,
      ...(row.personRef ? { personRef: row.personRef } : {}),
      attempts: row.attempts,
    };
  }

  /**
   * Writes one message's outcome inside the recorder's transaction; its event, if any, is pushed
   * onto `events` for the recorder to enqueue with the others in one statement.
   */
  async function writeOutcome(
    tx: Tx,
    row: Row,
    outcome: Outcome,
    now: Date,
    events: Envelope[],
  ): Promise<void> {
    const at = now.toISOString();
    const ours = and(
      eq(messages.id, row.id),
      eq(messages.status, "sending"),
      eq(messages.leaseUntil, row.leaseUntil ?? ""),
    );
    const ref = eventRef(row);
    switch (outcome.kind) {
      case "sent":
        // Written with the rest of its flush by writeSent.
        return;
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
          events.push(
            createEvent(MessageFailed, {
              orgId: row.orgId,
              source: "notifications",
              data: { ...ref, reason: outcome.error.message },
            }),
          );
      }
    }
  }

  // Outcomes waiting for the next commit. A worker resolves only once its outcome is durable, so
  // it never has two accepted messages unrecorded. A commit is written once every busy worker has
  // its outcome in hand (or after GATHER_MS): the pool's sends then share one commit, and the
  // outbox relay one wake, instead of a commit and a relay pass per message.
  const pending: Array<{ row: Row; outcome: Outcome; done: (error?: unknown) => void }> = [];
  let busy = 0;
  let flushing = false;
  let gather: NodeJS.Timeout | undefined;

  function record(row: Row, outcome: Outcome): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      pending.push({ row, outcome, done: (error) => (error === undefined ? resolve() : reject(error)) });
      maybeFlush();
    });
  }

  function maybeFlush(): void {
    if (flushing || pending.length === 0) return;
    if (pending.length >= busy) {
      clearTimeout(gather);
      gather = undefined;
      void flush();
    } else {
      gather ??= setTimeout(() => {
        gather = undefined;
        if (!flushing) void flush();
      }, GATHER_MS);
    }
  }

  async function flush(): Promise<void> {
    flushing = true;
    const batch = pending.splice(0);
    try {
      const now = clock.now();
      await database.write(async (tx) => {
        const events: Envelope[] = [];
        const sent = batch.flatMap(({ row, outcome }) => (outcome.kind === "sent" ? [{ row, outcome }] : []));
        await writeSent(tx, sent, now, events);
        for (const { row, outcome } of batch)
          if (outcome.kind !== "sent") await writeOutcome(tx, row, outcome, now, events);
        await enqueue(tx, ...events);
      });
      for (const entry of batch) entry.done();
    } catch (error) {
      for (const entry of batch) entry.done(error ?? new Error("could not record"));
    } finally {
      flushing = false;
      maybeFlush();
    }
  }

  async function process(claimed: Claimed): Promise<void> {
    busy++;
    try {
      await sendAndRecord(claimed);
    } finally {
      busy--;
      // One fewer to wait for: the others' outcomes may now be all there is.
      maybeFlush();
    }
  }

  /**
   * Whether the row's lease leaves at least half its length for the send: a send that starts
   * with less could outlast the lease while a new claim of the row is already sending it.
   */
  function leaseHoldsForASend(row: Row): boolean {
    const until = row.leaseUntil ? Date.parse(row.leaseUntil) : Number.NaN;
    return until - clock.now().getTime() >= options.leaseMs / 2;
  }

  async function sendAndRecord(claimed: Claimed): Promise<void> {
    const { row } = claimed;
    let outcome: Outcome;
    try {
      outcome = await attempt(claimed);
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
    /**
     * Sends until nothing is due, or until `keepGoing` says stop (then it finishes what it has
     * claimed and claims no more); resolves with how many rows it claimed.
     */
    async tick(keepGoing: () => boolean = () => true): Promise<number> {
      const queue: Claimed[] = [];
      let claimed = 0;
      let exhausted = false;
      let failure: unknown;
      let claiming: Promise<void> | undefined;
      const refill = () => {
        claiming ??= claim()
          .then(prepare)
          .then(
            (rows) => {
              queue.push(...rows);
              claimed += rows.length;
              if (rows.length === 0) exhausted = true;
            },
            (error: unknown) => {
              failure ??= error;
              exhausted = true;
            },
          )
          .finally(() => {
            claiming = undefined;
          });
        return claiming;
      };
      const worker = async () => {
        for (;;) {
          // Claim the next batch while the last few rows of this one are still going out.
          if (!keepGoing()) exhausted = true;
          if (!exhausted && queue.length <= options.concurrency) void refill();
          const next = queue.shift();
          if (next && !leaseHoldsForASend(next.row)) {
            // A slow batch outlived its lease: a later claim (ours or another process's) may hold
            // this row now, and sending it here too would send it twice. Leave it to that claim.
            logger.warn({ messageId: next.row.id }, "lease ran short before sending; left to the next claim");
            continue;
          }
          if (next) {
            // A row whose outcome could not be recorded keeps its lease and is taken over later.
            await process(next).catch((error: unknown) =>
              logger.error({ err: error, messageId: next.row.id }, "could not record the outcome"),
            );
            continue;
          }
          if (exhausted) return;
          await refill();
          if (exhausted && queue.length === 0) return;
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      if (failure) throw failure;
      return claimed;
    },
    /** When the earliest queued message falls due (or a lapsed lease can be taken over). */
    async nextDue(): Promise<Date | null> {
      const [queued] = await database.db
        .select({ at: min(messages.nextAttemptAt) })
        .from(messages)
        .where(eq(messages.status, "queued"));
      const [sending] = await database.db
        .select({ at: min(messages.leaseUntil) })
        .from(messages)
        .where(eq(messages.status, "sending"));
      const times = [queued?.at, sending?.at].filter((t): t is string => typeof t === "string");
      return times.length > 0 ? new Date(Math.min(...times.map((t) => Date.parse(t)))) : null;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
