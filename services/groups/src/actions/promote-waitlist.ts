// A freed seat goes to the head of the waitlist, in arrival order, while the group still admits.
import { enqueueEvent } from "@relais/bus";
import { EnrolmentConfirmed } from "@relais/contracts";
import type { Executor } from "@relais/db";
import { and, asc, eq } from "drizzle-orm";
import { enrolmentRef, toEnrolmentRecord } from "../db/enrolment-store.js";
import { type GroupRecord, type SessionRecord, seatCounts, seriesSnapshot } from "../db/group-store.js";
import { enrolments } from "../db/schema.js";
import { admissionOpen, promotions } from "../domain/admission.js";
import { fromGroups } from "../domain/event-origin.js";

/** A step of the verbs that free or add seats, inside their transaction; the promoted ids. */
export async function promoteWaitlist(
  tx: Executor,
  {
    group,
    sessions,
    now,
    correlationId,
  }: { group: GroupRecord; sessions: readonly SessionRecord[]; now: Date; correlationId?: string },
): Promise<string[]> {
  const counts = await seatCounts(tx, group.id);
  const free = promotions(
    counts.enrolled,
    group.capacity,
    counts.waitlisted,
    admissionOpen(group.admission, sessions, now),
  );
  if (free === 0) return [];
  const heads = await tx
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.groupId, group.id), eq(enrolments.status, "waitlisted")))
    .orderBy(asc(enrolments.seq))
    .limit(free);
  const at = now.toISOString();
  const series = seriesSnapshot(group, sessions);
  for (const row of heads) {
    await tx.update(enrolments).set({ status: "enrolled", enrolledAt: at }).where(eq(enrolments.id, row.id));
    const enrolment = toEnrolmentRecord({ ...row, status: "enrolled", enrolledAt: at });
    await enqueueEvent(tx, EnrolmentConfirmed, fromGroups(group.orgId, correlationId, now), {
      ...enrolmentRef(enrolment),
      series,
    });
  }
  return heads.map((row) => row.id);
}
