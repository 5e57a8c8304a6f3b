// Retention: when referrals purges a person, groups forgets them too. Their rows stay, under a
// tombstone reference and without name, contact, mandate or free text, so seat counts, rosters,
// compliance history and safety separation stay coherent for everyone else in their groups.
import { consumerOf } from "@relais/bus";
import { newId, PersonPurged } from "@relais/contracts";
import type { Executor } from "@relais/db";
import { type Clock, forgetQuotes } from "@relais/service-kit";
import { and, eq, inArray } from "drizzle-orm";
import { attendance, enrolments, placements, referredPersons, separations } from "../db/schema.js";

/** A fresh, valid person reference that names no one: it only ties the forgotten rows together. */
export function tombstoneRef(): string {
  return `prs_purged-${newId()}`;
}

export function personPurgedConsumer(deps: { clock: Clock }) {
  return consumerOf(PersonPurged, "groups-person-purged", (tx, event) =>
    forgetPerson(tx, event.orgId, event.data.personRef, deps.clock.now()),
  );
}

/**
 * Idempotent: a second call finds nothing under the original reference and changes nothing.
 * Emits no events: every one would carry a reference no other service knows any more.
 */
export async function forgetPerson(tx: Executor, orgId: string, personRef: string, now: Date): Promise<void> {
  const tombstone = tombstoneRef();
  const rows = await tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.orgId, orgId), eq(enrolments.personRef, personRef)));
  const ids = rows.map((r) => r.id);
  if (ids.length > 0) {
    await tx
      .update(enrolments)
      .set({
        personRef: tombstone,
        displayName: null,
        mandate: null,
        // Free text staff wrote about the person.
        reason: null,
      })
      .where(inArray(enrolments.id, ids));
    // A waitlist place nobody can be told about would only hold a freed seat for a ghost; an
    // enrolled seat is kept (the person may still come) until staff end it.
    await tx
      .update(enrolments)
      .set({ status: "withdrawn", reason: "person_purged", endedAt: now.toISOString() })
      .where(and(inArray(enrolments.id, ids), eq(enrolments.status, "waitlisted")));
    // Statuses stay (the roster and the group's record keep their shape); notes are free text.
    await tx.update(attendance).set({ note: null }).where(inArray(attendance.enrolmentId, ids));
  }
  // Nobody is left to place by hand; a placement that led to an enrolment keeps its link.
  await tx
    .delete(placements)
    .where(
      and(
        eq(placements.orgId, orgId),
        eq(placements.personRef, personRef),
        eq(placements.status, "awaiting"),
      ),
    );
  await tx
    .update(placements)
    .set({ personRef: tombstone, displayName: null, mandate: null })
    .where(and(eq(placements.orgId, orgId), eq(placements.personRef, personRef)));
  // The links follow the tombstone: a forgotten victim still in a group stays protected.
  await tx
    .update(separations)
    .set({ personRef: tombstone })
    .where(and(eq(separations.orgId, orgId), eq(separations.personRef, personRef)));
  await tx
    .update(separations)
    .set({ otherPersonRef: tombstone })
    .where(and(eq(separations.orgId, orgId), eq(separations.otherPersonRef, personRef)));
  await tx
    .delete(referredPersons)
    .where(and(eq(referredPersons.orgId, orgId), eq(referredPersons.personRef, personRef)));
  // Stored responses and dead letters may still quote the person (name, contact): drop them.
  await forgetQuotes(tx, orgId, [personRef]);
}
