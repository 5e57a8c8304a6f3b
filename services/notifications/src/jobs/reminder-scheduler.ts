// Turns due reminder rows into messages: one transaction takes a batch of due rows and queues their
// messages, so a reminder yields one message however often the process dies, and a batch costs one
// commit instead of one per reminder. Rows left `claimed` with a lapsed lease (by a process of an
// earlier version that died between its claim and its messages) are taken over. A reminder whose
// time passed while the service was down still goes out, unless its session has started.
// The same pump ends the wait of messages held for a contact that never came (`expire-held.ts`).
import type { SeriesSnapshot } from "@relais/contracts";
import type { Database, Tx } from "@relais/db";
import { and, asc, eq, inArray, lt, lte, or } from "drizzle-orm";
import type { NotifyDeps } from "../actions/context.js";
import { contactKey, loadContacts } from "../db/contacts.js";
import { earliestIn, earliestOf } from "../db/earliest.js";
import { type QueueInput, queueMessages } from "../db/messages.js";
import type * as schema from "../db/schema.js";
import { invites, messages, reminders } from "../db/schema.js";
import { loadSeries } from "../db/series.js";
import { decideReminder } from "../domain/delivery-decision.js";
import { createHeldExpiry } from "./expire-held.js";

type Row = typeof reminders.$inferSelect;

export function createReminderScheduler(
  options: NotifyDeps & { database: Database<typeof schema>; batch: number },
) {
  const { database, box, clock } = options;
  const held = createHeldExpiry(database);

  const due = (at: string) =>
    or(
      and(eq(reminders.status, "pending"), lte(reminders.dueAt, at)),
      and(eq(reminders.status, "claimed"), lt(reminders.leaseUntil, at)),
    );

  /** Read first, so an idle tick writes nothing (a commit would wake the loop again). */
  async function anyDue(at: string): Promise<boolean> {
    const [row] = await database.db.select({ id: reminders.id }).from(reminders).where(due(at)).limit(1);
    return row !== undefined;
  }

  /** One batch in one transaction, each step one statement for the whole batch. */
  async function materialise(tx: Tx<typeof schema>, rows: Row[], now: Date): Promise<void> {
    const at = now.toISOString();
    // A fan-out is many people in few groups: each group's series is read and parsed once.
    const seriesOf = new Map<string, SeriesSnapshot | null>();
    for (const row of rows)
      if (!seriesOf.has(row.groupId)) seriesOf.set(row.groupId, await loadSeries(tx, row.groupId));
    const personRefs = [...new Set(rows.map((row) => row.personRef))];
    const enrolled = new Set(
      (
        await tx
          .select({ groupId: invites.groupId, personRef: invites.personRef })
          .from(invites)
          .where(and(inArray(invites.personRef, personRefs), eq(invites.status, "enrolled")))
      ).map((invite) => `${invite.groupId}|${invite.personRef}`),
    );
    const refOf = (row: Row) => `${row.id}@${row.dueAt}`;
    const already = new Set(
      (
        await tx
          .select({ reminderId: messages.reminderId })
          .from(messages)
          .where(inArray(messages.reminderId, rows.map(refOf)))
      ).map((message) => message.reminderId),
    );
    // The reminder's own organisation's contact of the person, never another organisation's.
    const contacts = await loadContacts(
      tx,
      box,
      rows.map((row) => ({ orgId: row.orgId, personRef: row.personRef })),
    );

    const dropped = new Map<string, string[]>();
    const done: string[] = [];
    const queued: QueueInput[] = [];
    for (const row of rows) {
      const decision = decideReminder(
        row,
        seriesOf.get(row.groupId) ?? null,
        enrolled.has(`${row.groupId}|${row.personRef}`),
        now,
      );
      if ("drop" in decision) {
        dropped.set(decision.drop, [...(dropped.get(decision.drop) ?? []), row.id]);
        continue;
      }
      done.push(row.id);
      // A message already made from this reminder (before a crash) is not made twice.
      if (already.has(refOf(row))) continue;
      const { series, session } = decision;
      const contact = contacts.get(contactKey(row.orgId, row.personRef));
      const to = row.channel === "email" ? contact?.email : contact?.phone;
      queued.push({
        orgId: row.orgId,
        personRef: row.personRef,
        channel: row.channel,
        template: "session_reminder",
        language: contact?.language ?? series.language,
        discreet: contact?.preferences.discreet ?? true,
        payload: {
          to: to ?? null,
          params: {},
          reminder: {
            groupId: row.groupId,
            sessionId: row.sessionId,
            plannedStartsAt: session.startsAt,
            timeZone: series.timeZone,
          },
        },
        suppressed: contact ? undefined : "no_contact",
        reminderRef: refOf(row),
        now,
      });
    }
    const finish = (ids: string[], status: "done" | "dropped", reason: string | null) =>
      tx
        .update(reminders)
        .set({ status, reason, leaseUntil: null, updatedAt: at })
        .where(inArray(reminders.id, ids));
    if (done.length > 0) await finish(done, "done", null);
    for (const [reason, ids] of dropped) await finish(ids, "dropped", reason);
    await queueMessages(tx, box, queued);
  }

  return {
    /** Materialises one batch of due reminders; resolves with how many rows it took. */
    async tick(): Promise<number> {
      const now = clock.now();
      const at = now.toISOString();
      const expired = await held.expire(now);
      if (!(await anyDue(at))) return expired;
      const taken = await database.write(async (tx) => {
        // Two index range scans that stop at the batch size; one query with OR and ORDER BY would
        // sort every due row on every tick.
        const lapsed = await tx
          .select()
          .from(reminders)
          .where(and(eq(reminders.status, "claimed"), lt(reminders.leaseUntil, at)))
          .limit(options.batch);
        const pending = await tx
          .select()
          .from(reminders)
          .where(and(eq(reminders.status, "pending"), lte(reminders.dueAt, at)))
          .orderBy(asc(reminders.dueAt))
          .limit(options.batch - lapsed.length);
        const rows = [...lapsed, ...pending];
        if (rows.length > 0) await materialise(tx, rows, now);
        return rows.length;
      });
      return expired + taken;
    },
    /** When the earliest reminder falls due (or a lapsed claim can be taken over). */
    async nextDue(): Promise<Date | null> {
      const { db } = database;
      return earliestOf([
        await earliestIn(db, reminders, reminders.dueAt, eq(reminders.status, "pending")),
        await earliestIn(db, reminders, reminders.leaseUntil, eq(reminders.status, "claimed")),
        (await held.nextDue())?.toISOString(),
      ]);
    },
  };
}

export type ReminderScheduler = ReturnType<typeof createReminderScheduler>;
