// Safety separation: a person linked to another as victim and author of one referral never joins
// a group the other is in (or waiting for), nor a group meeting at the same place at overlapping
// times; and a group never moves to meet at the same place and time as such a person's group.
// Pure: the facts come from db/separation-facts.ts.
import { Conflict } from "@relais/service-kit";
import { type Interval, intervalsOverlap } from "./overlap.js";

/** Says why, never who: the other person must not be identifiable from the refusal. */
export class SeparationConflict extends Conflict {
  constructor(detail: string) {
    super(detail, "safety_separation");
  }
}

export interface JoinFacts {
  /** Groups the people kept apart from the joiner are in or waiting for. */
  theirGroupIds: string[];
  /** Held sessions of those of their groups that meet at the joined group's venue. */
  theirSessionsAtVenue: Interval[];
}

type Held = Interval & { status: string };

const held = (list: readonly Held[]) => list.filter((s) => s.status !== "cancelled");

/** Throws when someone may not join `group` (with these sessions); `facts` null: no one to keep apart. */
export function assertJoinKeepsApart(
  group: { id: string },
  groupSessions: readonly Held[],
  facts: JoinFacts | null,
): void {
  if (!facts) return;
  if (facts.theirGroupIds.includes(group.id))
    throw new SeparationConflict(
      "This person cannot join this group: someone they must be kept apart from for safety reasons takes part in it",
    );
  if (intervalsOverlap(held(groupSessions), facts.theirSessionsAtVenue))
    throw new SeparationConflict(
      "This person cannot join this group: someone they must be kept apart from for safety reasons attends a group at the same place at overlapping times",
    );
}

/**
 * Throws when a group, after a change of place or time, would meet at the same place and at
 * overlapping times as a group of someone one of its participants is kept apart from. Run inside
 * the change's transaction, after the change is written, so a refusal rolls it back.
 */
export function assertChangeKeepsApart(
  groupSessions: readonly Held[],
  theirSessionsAtVenue: readonly Interval[],
): void {
  if (intervalsOverlap(held(groupSessions), theirSessionsAtVenue))
    throw new SeparationConflict(
      "This change would make the group meet at the same place and at overlapping times as a group attended by someone one of its participants must be kept apart from for safety reasons",
    );
}
