// Due messages are leased before they are sent: one UPDATE … RETURNING claims a batch, so two
// processes never send the same row at once, and a crashed sender's rows are taken over once its
// lease lapses.
import type { Database } from "@relais/db";
import { and, asc, eq, inArray, lt, lte, notInArray, or, type SQL, sql } from "drizzle-orm";
import { earliestIn, earliestOf } from "./earliest.js";
import type { MessageRow } from "./messages.js";
import type * as schema from "./schema.js";
import { messages } from "./schema.js";

/** Rows leased before whose lease has lapsed, but not those of `sending` (on the wire here). */
const lapsedLease = (at: string, sending: ReadonlySet<string>): SQL | undefined =>
  and(
    eq(messages.status, "sending"),
    lt(messages.leaseUntil, at),
    sending.size > 0 ? notInArray(messages.id, [...sending]) : undefined,
  );

const due = (at: string, sending: ReadonlySet<string>) =>
  or(and(eq(messages.status, "queued"), lte(messages.nextAttemptAt, at)), lapsedLease(at, sending));

/**
 * Leases up to `batch` due messages (lapsed leases first) until `now + leaseMs`. `sending`: the
 * rows this process has on the wire, never taken over by its own claim even once their lease
 * lapsed (a send slower than its lease, e.g. while the SMTP thread starts on a loaded machine):
 * their outcome is on its way, and a second claim would send them twice.
 */
export async function claimDueMessages(
  database: Database<typeof schema>,
  input: { now: Date; leaseMs: number; batch: number; sending?: ReadonlySet<string> },
): Promise<MessageRow[]> {
  const at = input.now.toISOString();
  const sending = input.sending ?? new Set<string>();
  // Read first, so an idle claim writes nothing (a commit would wake the loop again).
  const [any] = await database.db.select({ id: messages.id }).from(messages).where(due(at, sending)).limit(1);
  if (!any) return [];
  const leaseUntil = new Date(input.now.getTime() + input.leaseMs).toISOString();
  return database.write(async (tx) => {
    // Two index range scans, each stopping at the batch size: one query with OR and ORDER BY
    // would sort every due row (all 10,000 of a fan-out) on every claim.
    const lapsed = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(lapsedLease(at, sending))
      .limit(input.batch);
    const queued = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.status, "queued"), lte(messages.nextAttemptAt, at)))
      .orderBy(asc(messages.nextAttemptAt))
      .limit(input.batch - lapsed.length);
    const ids = [...lapsed, ...queued].map((row) => row.id);
    if (ids.length === 0) return [];
    return tx
      .update(messages)
      .set({ status: "sending", leaseUntil, attempts: sql`${messages.attempts} + 1`, updatedAt: at })
      .where(inArray(messages.id, ids))
      .returning();
  });
}

/** When the earliest queued message falls due (or a lapsed lease can be taken over). */
export async function nextMessageDue(database: Database<typeof schema>): Promise<Date | null> {
  const { db } = database;
  return earliestOf([
    await earliestIn(db, messages, messages.nextAttemptAt, eq(messages.status, "queued")),
    await earliestIn(db, messages, messages.leaseUntil, eq(messages.status, "sending")),
  ]);
}

/**
 * Extends the leases of claimed rows not sent yet to `now + leaseMs`, each only while it is still
 * the lease it was claimed with (a row whose lease lapsed and was taken over belongs to the newer
 * claim); resolves with the new lease of the rows that are still ours.
 */
export async function renewLeases(
  database: Database<typeof schema>,
  rows: Array<Pick<MessageRow, "id" | "leaseUntil">>,
  input: { now: Date; leaseMs: number },
): Promise<{ leaseUntil: string; ids: Set<string> }> {
  const leaseUntil = new Date(input.now.getTime() + input.leaseMs).toISOString();
  const byLease = new Map<string, string[]>();
  for (const row of rows) {
    const lease = row.leaseUntil ?? "";
    byLease.set(lease, [...(byLease.get(lease) ?? []), row.id]);
  }
  const ids = await database.write(async (tx) => {
    const renewed = new Set<string>();
    for (const [lease, leased] of byLease) {
      const updated = await tx
        .update(messages)
        .set({ leaseUntil, updatedAt: input.now.toISOString() })
        .where(
          and(inArray(messages.id, leased), eq(messages.status, "sending"), eq(messages.leaseUntil, lease)),
        )
        .returning({ id: messages.id });
      for (const row of updated) renewed.add(row.id);
    }
    return renewed;
  });
  return { leaseUntil, ids };
}
