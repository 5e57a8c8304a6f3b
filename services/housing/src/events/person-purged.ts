// Retention: when referrals purges a person, housing forgets them too. Their placements stay
// (occupancy and exit figures keep their shape) under a tombstone reference; a request still
// waiting for a place is declined, since nobody could be told where to go. Which teams followed
// them goes too.
import { consumerOf } from "@relais/bus";
import { newId, PersonPurged } from "@relais/contracts";
import type { Executor } from "@relais/db";
import { type Clock, forgetQuotes, teamTasks } from "@relais/service-kit";
import { and, eq, inArray } from "drizzle-orm";
import { placements } from "../db/schema.js";

export function personPurgedConsumer(deps: { clock: Clock }) {
  return consumerOf(PersonPurged, "housing-person-purged", (tx, event) =>
    forgetPerson(tx, event.orgId, event.data.personRef, deps.clock.now()),
  );
}

/** Idempotent: a second call finds nothing under the original reference. Emits no events. */
export async function forgetPerson(tx: Executor, orgId: string, personRef: string, now: Date): Promise<void> {
  const own = and(eq(placements.orgId, orgId), eq(placements.personRef, personRef));
  await tx
    .update(placements)
    .set({ status: "declined", declineReason: "person_purged", placeId: null, updatedAt: now.toISOString() })
    .where(and(own, inArray(placements.status, ["waiting", "allocated"])));
  await tx
    .update(placements)
    .set({ personRef: `prs_purged-${newId()}`, referralId: null, taskId: null })
    .where(own);
  await tx.delete(teamTasks).where(and(eq(teamTasks.orgId, orgId), eq(teamTasks.personRef, personRef)));
  await forgetQuotes(tx, orgId, [personRef]);
}
