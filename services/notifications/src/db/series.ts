// The latest series snapshot per group. Events may arrive out of order (one consumer per subject),
// so a snapshot older than the stored one never replaces it.
import { SeriesSnapshot as SeriesSchema, type SeriesSnapshot } from "@relais/contracts";
import { type Executor, rowByParams } from "@relais/db";
import { eq } from "drizzle-orm";
import { series } from "./schema.js";

export async function saveSeries(
  tx: Executor,
  orgId: string,
  snapshot: SeriesSnapshot,
  at: string,
): Promise<SeriesSnapshot> {
  return (await replaceSeries(tx, orgId, snapshot, at)).series;
}

/**
 * `saveSeries`, also answering the snapshot stored before (null: none) from the same look-up,
 * parsed only when asked: most enrolments find the same snapshot and need neither.
 */
export async function replaceSeries(
  tx: Executor,
  orgId: string,
  snapshot: SeriesSnapshot,
  at: string,
): Promise<{ before: () => SeriesSnapshot | null; series: SeriesSnapshot }> {
  // Every enrolment event asks this: its SQL is built once (`prepared`).
  const stored = await rowByParams(tx, "notifications.series", series, { groupId: snapshot.groupId });
  const before = () => (stored ? SeriesSchema.parse(stored.snapshot) : null);
  if (stored && stored.sequence > snapshot.sequence) return { before, series: before()! };
  // Every enrolment in a group carries the same snapshot: rewriting it each time is pure cost.
  if (stored && stored.sequence === snapshot.sequence && sameJson(stored.snapshot, snapshot))
    return { before, series: snapshot };
  const row = { orgId, sequence: snapshot.sequence, snapshot, updatedAt: at };
  await tx
    .insert(series)
    .values({ groupId: snapshot.groupId, ...row })
    .onConflictDoUpdate({ target: series.groupId, set: row });
  return { before, series: snapshot };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function loadSeries(db: Executor, groupId: string): Promise<SeriesSnapshot | null> {
  const [row] = await db.select().from(series).where(eq(series.groupId, groupId)).limit(1);
  return row ? SeriesSchema.parse(row.snapshot) : null;
}
