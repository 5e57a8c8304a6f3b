// Reads the organisation's placements, attendance and programme enrolments of the period as the
// facts the statistics count; no name, reference or note leaves this function.

import type { Database } from "@relais/db";
import type { Caller } from "@relais/service-kit";
import type { StatisticsInput } from "@relais/statistics";
import { inPeriod, readInChunks } from "@relais/statistics/queries";
import { and, eq, inArray, isNotNull, min } from "drizzle-orm";
import type * as schema from "../db/schema.js";
import { attendance, complianceBreaches, enrolments, groups, placements, sessions } from "../db/schema.js";
import { type GroupsBreakdown, groupStatistics } from "../domain/statistics.js";

export async function readStatistics(
  ctx: { database: Database<typeof schema> } & Caller,
  { query, settings, period }: StatisticsInput<GroupsBreakdown>,
) {
  const db = ctx.database.db;
  const org = ctx.principal.org;
  const asked = await db
    .select({
      requestedAt: placements.createdAt,
      municipality: placements.municipality,
      enrolmentId: placements.enrolmentId,
      enrolledAt: enrolments.enrolledAt,
    })
    .from(placements)
    .leftJoin(enrolments, eq(enrolments.id, placements.enrolmentId))
    .where(and(eq(placements.orgId, org), inPeriod(placements.createdAt, period)));
  const placed = asked.flatMap((p) => (p.enrolmentId ? [p.enrolmentId] : []));
  const firsts = await readInChunks(placed, (chunk) =>
    db
      .select({ enrolmentId: attendance.enrolmentId, first: min(sessions.startsAt) })
      .from(attendance)
      .innerJoin(sessions, eq(sessions.id, attendance.sessionId))
      .where(
        and(
          eq(attendance.orgId, org),
          inArray(attendance.enrolmentId, chunk),
          inArray(attendance.status, ["present", "late"]),
        ),
      )
      .groupBy(attendance.enrolmentId),
  );
  const firstSession = new Map(
    firsts.flatMap((row) => (row.first ? [[row.enrolmentId, row.first] as const] : [])),
  );
  const records = await db
    .select({ groupKind: groups.kind, enrolmentId: attendance.enrolmentId, status: attendance.status })
    .from(attendance)
    .innerJoin(sessions, eq(sessions.id, attendance.sessionId))
    .innerJoin(groups, eq(groups.id, sessions.groupId))
    .where(and(eq(attendance.orgId, org), inPeriod(sessions.startsAt, period)));
  const programme = await db
    .select({
      id: enrolments.id,
      enrolledAt: enrolments.enrolledAt,
      municipality: groups.municipality,
      status: enrolments.status,
    })
    .from(enrolments)
    .innerJoin(groups, eq(groups.id, enrolments.groupId))
    .where(
      and(
        eq(enrolments.orgId, org),
        eq(groups.kind, "perpetrator"),
        isNotNull(enrolments.enrolledAt),
        inPeriod(enrolments.enrolledAt, period),
      ),
    );
  const breaches = await readInChunks(
    programme.map((p) => p.id),
    (chunk) =>
      db
        .selectDistinct({ enrolmentId: complianceBreaches.enrolmentId })
        .from(complianceBreaches)
        .where(inArray(complianceBreaches.enrolmentId, chunk)),
  );
  const breached = new Set(breaches.map((row) => row.enrolmentId));
  return groupStatistics(
    {
      placements: asked.map((p) => ({
        requestedAt: p.requestedAt,
        municipality: p.municipality,
        outcome: !p.enrolmentId ? "awaiting" : p.enrolledAt ? "placed" : "waitlisted",
        firstSessionAt: p.enrolmentId ? (firstSession.get(p.enrolmentId) ?? null) : null,
      })),
      attendance: records,
      programme: programme.map((p) => ({
        enrolledAt: p.enrolledAt as string,
        municipality: p.municipality,
        status: p.status,
        breached: breached.has(p.id),
      })),
    },
    query,
    settings,
  );
}
