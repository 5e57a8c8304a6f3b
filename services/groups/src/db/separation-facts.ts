// What the database holds about the people someone must be kept apart from: their groups, and
// the held sessions of those of their groups that meet at the same venue. The rule that judges
// these facts is domain/separation.ts.
import type { Executor } from "@relais/db";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Interval } from "../domain/overlap.js";
import type { JoinFacts } from "../domain/separation.js";
import type { GroupRecord } from "./group-store.js";
import { type EnrolmentStatus, enrolments, groups, separations, sessions } from "./schema.js";

const ACTIVE: EnrolmentStatus[] = ["waitlisted", "enrolled"];

/** The facts for `personRef` joining `group`; null when no one is kept apart from them. */
export async function joinFacts(
  tx: Executor,
  group: GroupRecord,
  personRef: string,
): Promise<JoinFacts | null> {
  const others = await keptApartFrom(tx, group.orgId, [personRef]);
  if (others.length === 0) return null;
  const theirs = await tx
    .select({ groupId: enrolments.groupId })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.orgId, group.orgId),
        inArray(enrolments.personRef, others),
        inArray(enrolments.status, ACTIVE),
      ),
    );
  const theirGroupIds = [...new Set(theirs.map((t) => t.groupId))];
  const elsewhere = theirGroupIds.filter((id) => id !== group.id);
  if (elsewhere.length === 0 || group.venueKey === null) return { theirGroupIds, theirSessionsAtVenue: [] };
  const sameVenue = await tx
    .select({ id: groups.id })
    .from(groups)
    .where(and(inArray(groups.id, theirGroupIds), eq(groups.venueKey, group.venueKey)));
  return {
    theirGroupIds,
    theirSessionsAtVenue: await heldSessions(
      tx,
      sameVenue.map((g) => g.id),
    ),
  };
}

/**
 * The held sessions, at `group`'s venue, of the other groups of everyone its participants must
 * be kept apart from (after a change of place or time); empty when there are none.
 */
export async function changeFacts(tx: Executor, group: GroupRecord): Promise<Interval[]> {
  if (group.venueKey === null) return [];
  const members = await tx
    .select({ personRef: enrolments.personRef })
    .from(enrolments)
    .where(and(eq(enrolments.groupId, group.id), inArray(enrolments.status, ACTIVE)));
  if (members.length === 0) return [];
  const others = await keptApartFrom(
    tx,
    group.orgId,
    members.map((m) => m.personRef),
  );
  if (others.length === 0) return [];
  const theirs = await tx
    .select({ groupId: enrolments.groupId })
    .from(enrolments)
    .innerJoin(groups, eq(groups.id, enrolments.groupId))
    .where(
      and(
        eq(enrolments.orgId, group.orgId),
        inArray(enrolments.personRef, [...new Set(others)]),
        inArray(enrolments.status, ACTIVE),
        ne(enrolments.groupId, group.id),
        eq(groups.venueKey, group.venueKey),
      ),
    );
  return heldSessions(tx, [...new Set(theirs.map((t) => t.groupId))]);
}

/** Everyone the organisation keeps apart from one of `personRefs` (with repeats). */
async function keptApartFrom(tx: Executor, orgId: string, personRefs: string[]): Promise<string[]> {
  const rows = await tx
    .select({ personRef: separations.otherPersonRef })
    .from(separations)
    .where(and(eq(separations.orgId, orgId), inArray(separations.personRef, personRefs)));
  return rows.map((row) => row.personRef);
}

async function heldSessions(tx: Executor, groupIds: string[]): Promise<Interval[]> {
  if (groupIds.length === 0) return [];
  return tx
    .select({ startsAt: sessions.startsAt, endsAt: sessions.endsAt })
    .from(sessions)
    .where(and(inArray(sessions.groupId, groupIds), ne(sessions.status, "cancelled")));
}
