// Retention: when referrals purges a person, housing forgets them too. Their placements stay
// (occupancy and exit figures keep their shape) under a tombstone reference; a request still
// waiting for a place is declined, since nobody could be told where to go.
import { defineConsumer } from "@relais/bus";
import { newId, PersonPurged } from "@relais/contracts";
import type { Executor } from "@relais/db";
import type { Clock } from "@relais/service-kit";
import { and, eq, inArray, sql } from "drizzle-orm";
import { deadLetters, idempotencyKeys, placements } from "../db/schema.js";

export function personPurgedConsumer(deps: { clock: Clock }) {
  return defineConsumer({
    stream: "REFERRALS",
    durable: "housing-person-purged",
    filterSubject: PersonPurged.subject,
    events: [PersonPurged],
    async handle(tx, event) {
      await forgetPerson(tx, event.orgId, event.data.personRef, deps.clock.now());
    },
  });
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
  // instr, not LIKE: the "_" of "prs_" is a LIKE wildcard.
  await tx
    .delete(idempotencyKeys)
    .where(
      and(eq(idempotencyKeys.org, orgId), sql`instr(${idempotencyKeys.responseBody}, ${personRef}) > 0`),
    );
  await tx
    .delete(deadLetters)
    .where(and(eq(deadLetters.orgId, orgId), sql`instr(${deadLetters.payload}, ${personRef}) > 0`));
}
