// Due messages are leased before they are sent: one UPDATE … RETURNING claims a batch, so two
// processes never send the same row at once, and a crashed sender's rows are taken over once its
// lease lapses.
import type { Database } from "@relais/db";
import { and, asc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { earliestIn, earliestOf } from "./earliest.js";
import type { MessageRow } from "./messages.js";
import type * as schema from "./schema.js";
import { messages } from "./schema.js";

const due = (at: string) =>
  or(
    and(eq(messages.status, "queued"), lte(messages.nextAttemptAt, at)),
    and(eq(messages.status, "sending"), lt(messages.leaseUntil, at)),
  );

/** Leases up to `batch` due messages (lapsed leases first) until `now + leaseMs`. */
export async function claimDueMessages(
  database: Database<typeof schema>,
  input: { now: Date; leaseMs: number; batch: number },
): Promise<MessageRow[]> {
  const at = input.now.toISOString();
  // Read first, so an idle claim writes nothing (a commit would wake the loop again).
  const [any] = await database.db.select({ id: messages.id }).from(messages).where(due(at)).limit(1);
  if (!any) return [];
  const leaseUntil = new Date(input.now.getTime() + input.leaseMs).toISOString();
  return database.write(async (tx) => {
    // Two index range scans, each stopping at the batch size: one query with OR and ORDER BY
    // would sort every due row (all 10,000 of a fan-out) on every claim.
    const lapsed = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.status, "sending"), lt(messages.leaseUntil, at)))
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
