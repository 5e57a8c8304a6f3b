// What a list of groups shows beside each one: seats taken, waitlist length and the next session
// still to come, read for the whole page in two grouped queries.
import type { Executor } from "@relais/db";
import { and, gt, inArray, ne, sql } from "drizzle-orm";
import { enrolments, sessions } from "./schema.js";

export interface GroupSummary {
  seats: { enrolled: number; waitlisted: number };
  nextSessionAt: string | null;
}

export async function groupSummaries(
  db: Executor,
  groupIds: readonly string[],
  now: Date,
): Promise<Map<string, GroupSummary>> {
  const summaries = new Map<string, GroupSummary>(
    groupIds.map((id) => [id, { seats: { enrolled: 0, waitlisted: 0 }, nextSessionAt: null }]),
  );
  if (groupIds.length === 0) return summaries;
  const seats = await db
    .select({ groupId: enrolments.groupId, status: enrolments.status, count: sql<number>`count(*)` })
    .from(enrolments)
    .where(
      and(inArray(enrolments.groupId, [...groupIds]), inArray(enrolments.status, ["enrolled", "waitlisted"])),
    )
    .groupBy(enrolments.groupId, enrolments.status);
  for (const row of seats) {
    const summary = summaries.get(row.groupId);
    if (summary) summary.seats[row.status as "enrolled" | "waitlisted"] = Number(row.count);
  }
  const nowIso = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  const next = await db
    .select({ groupId: sessions.groupId, startsAt: sql<string>`min(${sessions.startsAt})` })
    .from(sessions)
    .where(
      and(
        inArray(sessions.groupId, [...groupIds]),
        ne(sessions.status, "cancelled"),
        gt(sessions.startsAt, nowIso),
      ),
    )
    .groupBy(sessions.groupId);
  for (const row of next) {
    const summary = summaries.get(row.groupId);
    if (summary) summary.nextSessionAt = row.startsAt;
  }
  return summaries;
}
