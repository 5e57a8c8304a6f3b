// Reads groups and their sessions as typed records, scoped to the caller's organisation and
// visibility, and builds the series snapshot every group event carries.
import {
  createEvent,
  type GroupKind,
  type Language,
  Location,
  type SeriesSnapshot,
  SessionChanged,
} from "@relais/contracts";
import { type Executor, rowByParams } from "@relais/db";
import { NotFound, type Principal } from "@relais/service-kit";
import { asc, eq, sql } from "drizzle-orm";
import { canSeeGroup } from "../domain/access.js";
import { CompliancePolicy } from "../domain/compliance.js";
import { fromGroups } from "../domain/event-origin.js";
import type { Facilitator } from "../domain/group-input.js";
import { type Admission, enrolments, groups, sessions } from "./schema.js";

export interface GroupRecord {
  id: string;
  orgId: string;
  kind: GroupKind;
  publicName: string;
  language: Language;
  municipality: string;
  location: Location;
  venueKey: string | null;
  capacity: number;
  admission: Admission;
  facilitators: Facilitator[];
  compliancePolicy: CompliancePolicy | null;
  timeZone: string;
  dtstart: string;
  rrule: string;
  durationMinutes: number;
  sequence: number;
  createdAt: string;
  updatedAt: string;
}

/** A session as stored: its status is typed by the schema. */
export type SessionRecord = typeof sessions.$inferSelect;

export function toGroupRecord(row: typeof groups.$inferSelect): GroupRecord {
  return {
    ...row,
    location: Location.parse(JSON.parse(row.location)),
    facilitators: JSON.parse(row.facilitators) as Facilitator[],
    compliancePolicy: row.compliancePolicy ? CompliancePolicy.parse(JSON.parse(row.compliancePolicy)) : null,
  };
}

/** The group if it exists in the caller's organisation and the caller may see it; 404 otherwise. */
export async function visibleGroup(db: Executor, principal: Principal, id: string): Promise<GroupRecord> {
  const row = await rowByParams(db, "groups.visibleGroup", groups, { id, orgId: principal.org });
  const group = row ? toGroupRecord(row) : undefined;
  if (
    !group ||
    !canSeeGroup(principal, { kind: group.kind, facilitatorSubs: group.facilitators.map((f) => f.sub) })
  )
    throw new NotFound("No such group");
  return group;
}

export async function groupSessions(db: Executor, groupId: string): Promise<SessionRecord[]> {
  const rows = await db
    .select()
    .from(sessions)
    .where(eq(sessions.groupId, groupId))
    .orderBy(asc(sessions.startsAt));
  return rows;
}

/**
 * A record of a group (a session, an enrolment) and that group, if the caller may see the group:
 * to someone who may not see the group, its records do not exist either (`notFound`).
 */
export async function withVisibleGroup<R extends { groupId: string }>(
  db: Executor,
  principal: Principal,
  row: R | undefined,
  notFound: string,
): Promise<{ row: R; group: GroupRecord }> {
  if (!row) throw new NotFound(notFound);
  const group = await visibleGroup(db, principal, row.groupId).catch(() => {
    throw new NotFound(notFound);
  });
  return { row, group };
}

/** The session and its group, if the caller may see the group. */
export async function visibleSession(db: Executor, principal: Principal, id: string) {
  const found = await rowByParams(db, "groups.visibleSession", sessions, { id, orgId: principal.org });
  const { row, group } = await withVisibleGroup(db, principal, found, "No such session");
  return { group, session: row };
}

export async function seatCounts(
  db: Executor,
  groupId: string,
): Promise<{ enrolled: number; waitlisted: number }> {
  const rows = await db
    .select({ status: enrolments.status, count: sql<number>`count(*)` })
    .from(enrolments)
    .where(eq(enrolments.groupId, groupId))
    .groupBy(enrolments.status);
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.count ?? 0);
  return { enrolled: count("enrolled"), waitlisted: count("waitlisted") };
}

export function seriesSnapshot(group: GroupRecord, list: readonly SessionRecord[]): SeriesSnapshot {
  return {
    groupId: group.id,
    publicName: group.publicName,
    kind: group.kind,
    language: group.language,
    timeZone: group.timeZone,
    dtstart: group.dtstart,
    rrule: group.rrule,
    durationMinutes: group.durationMinutes,
    location: group.location,
    facilitators: group.facilitators,
    sequence: group.sequence,
    sessions: list.map((s) => ({
      sessionId: s.id,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      originalStartsAt: s.originalStartsAt,
      status: s.status,
    })),
  };
}

/** `groups.session.changed` for the series as it now is, naming the session the change starts at. */
export function sessionChangedEvent(
  group: GroupRecord,
  list: readonly SessionRecord[],
  change: { sessionId: string; scope: "single" | "following"; now: Date; correlationId?: string },
) {
  return createEvent(SessionChanged, {
    ...fromGroups(group.orgId, change.correlationId, change.now),
    data: {
      groupId: group.id,
      sessionId: change.sessionId,
      scope: change.scope,
      series: seriesSnapshot(group, list),
    },
  });
}

/** Bumps the series' SEQUENCE; returns the group as it now is. */
export async function bumpSequence(tx: Executor, group: GroupRecord, now: string): Promise<GroupRecord> {
  await tx
    .update(groups)
    .set({ sequence: group.sequence + 1, updatedAt: now })
    .where(eq(groups.id, group.id));
  return { ...group, sequence: group.sequence + 1, updatedAt: now };
}
