// Safety separation: a person linked to another as victim and author of one referral never joins
// a group the other is in (or waiting for), nor a group meeting at the same place at overlapping times.
import type { Executor } from "@relais/db";
import { Conflict } from "@relais/service-kit";
import { and, eq, inArray, ne } from "drizzle-orm";
import { enrolments, groups, separations, sessions } from "../db/schema.js";
import { intervalsOverlap } from "../domain/overlap.js";
import type { GroupRecord, SessionRecord } from "./group-store.js";

const ACTIVE = ["waitlisted", "enrolled"];

/** Says why, never who: the other person must not be identifiable from the refusal. */
export class SeparationConflict extends Conflict {
  constructor(detail: string) {
    super(detail, "safety_separation");
  }
}

export async function assertSeparated(
  tx: Executor,
  group: GroupRecord,
  groupSessions: readonly SessionRecord[],
  personRef: string,
): Promise<void> {
  const others = await tx
    .select({ personRef: separations.otherPersonRef })
    .from(separations)
    .where(and(eq(separations.orgId, group.orgId), eq(separations.personRef, personRef)));
  if (others.length === 0) return;
  const theirs = await tx
    .select({ groupId: enrolments.groupId })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.orgId, group.orgId),
        inArray(
          enrolments.personRef,
          others.map((o) => o.personRef),
        ),
        inArray(enrolments.status, ACTIVE),
      ),
    );
  const groupIds = [...new Set(theirs.map((t) => t.groupId))];
  if (groupIds.includes(group.id))
    throw new SeparationConflict(
      "This person cannot join this group: someone they must be kept apart from for safety reasons takes part in it",
    );
  if (groupIds.length === 0 || group.venueKey === null) return;
  const sameVenue = await tx
    .select({ id: groups.id })
    .from(groups)
    .where(and(inArray(groups.id, groupIds), eq(groups.venueKey, group.venueKey)));
  if (sameVenue.length === 0) return;
  const held = (list: ReadonlyArray<{ status: string; startsAt: string; endsAt: string }>) =>
    list.filter((s) => s.status !== "cancelled");
  const theirSessions = await tx
    .select()
    .from(sessions)
    .where(
      and(
        inArray(
          sessions.groupId,
          sameVenue.map((g) => g.id),
        ),
        ne(sessions.status, "cancelled"),
      ),
    );
  if (intervalsOverlap(held(groupSessions), held(theirSessions)))
    throw new SeparationConflict(
      "This person cannot join this group: someone they must be kept apart from for safety reasons attends a group at the same place at overlapping times",
    );
}

/**
 * After a group changes place or time (a session moved, the series shifted "from this session
 * on", a new venue): none of its participants may now meet, at the same place and overlapping
 * times, someone they are kept apart from. Run inside the change's transaction, after the change
 * is written, so a refusal rolls it back. Says why, never who.
 */
export async function assertChangeKeepsSeparation(
  tx: Executor,
  group: GroupRecord,
  groupSessions: readonly SessionRecord[],
): Promise<void> {
  if (group.venueKey === null) return;
  const members = await tx
    .select({ personRef: enrolments.personRef })
    .from(enrolments)
    .where(and(eq(enrolments.groupId, group.id), inArray(enrolments.status, ACTIVE)));
  if (members.length === 0) return;
  const others = await tx
    .select({ personRef: separations.otherPersonRef })
    .from(separations)
    .where(
      and(
        eq(separations.orgId, group.orgId),
        inArray(
          separations.personRef,
          members.map((m) => m.personRef),
        ),
      ),
    );
  if (others.length === 0) return;
  const theirs = await tx
    .select({ groupId: enrolments.groupId })
    .from(enrolments)
    .innerJoin(groups, eq(groups.id, enrolments.groupId))
    .where(
      and(
        eq(enrolments.orgId, group.orgId),
        inArray(enrolments.personRef, [...new Set(others.map((o) => o.personRef))]),
        inArray(enrolments.status, ACTIVE),
        ne(enrolments.groupId, group.id),
        eq(groups.venueKey, group.venueKey),
      ),
    );
  if (theirs.length === 0) return;
  const theirSessions = await tx
    .select()
    .from(sessions)
    .where(
      and(
        inArray(sessions.groupId, [...new Set(theirs.map((t) => t.groupId))]),
        ne(sessions.status, "cancelled"),
      ),
    );
  const held = groupSessions.filter((s) => s.status !== "cancelled");
  if (intervalsOverlap(held, theirSessions))
    throw new SeparationConflict(
      "This change would make the group meet at the same place and at overlapping times as a group attended by someone one of its participants must be kept apart from for safety reasons",
    );
}
