// Retention: when referrals purges a referral and its persons, conferences forgets that referral.
// The event names both the person and the referral; conferences never held the person (see
// referral-received.ts), so it erases by the referral: its index row, the agenda items about it
// with their audiences, decisions and actions (sealed summaries, questions and texts), and any
// stored answer or dead letter that could still quote them. Referrals sends one event per person
// of the referral: the first erases, the others find nothing.
import { consumerOf } from "@relais/bus";
import { PersonPurged } from "@relais/contracts";
import type { Executor } from "@relais/db";
import { auditPurge, forgetQuotes } from "@relais/service-kit";
import { and, eq, inArray } from "drizzle-orm";
import { actions, agendaItems, decisions, itemAudience, referralIndex } from "../db/schema.js";

/** The audit actor of what retention erased, as referrals writes it. */

export const personPurgedConsumer = consumerOf(PersonPurged, "conferences-person-purged", (tx, event) =>
  forgetReferral(tx, event.orgId, event.data.referralId, new Date(event.occurredAt)),
);

/**
 * Idempotent: a second call finds neither the index row nor an item and changes nothing (no
 * second audit row). Emits no events: the agenda never leaves the service.
 */
export async function forgetReferral(
  tx: Executor,
  orgId: string,
  referralId: string,
  at: Date,
): Promise<void> {
  const indexed = await tx
    .delete(referralIndex)
    .where(and(eq(referralIndex.referralId, referralId), eq(referralIndex.orgId, orgId)))
    .returning({ referralId: referralIndex.referralId });
  // Items were only ever put on an agenda for a referral of the organisation (agenda.ts checks
  // the index), so the referral id alone finds them.
  const items = await tx
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(eq(agendaItems.referralId, referralId));
  const itemIds = items.map((i) => i.id);
  if (itemIds.length > 0) {
    // Children first: no foreign-key cascade is relied on.
    await tx.delete(actions).where(inArray(actions.itemId, itemIds));
    await tx.delete(decisions).where(inArray(decisions.itemId, itemIds));
    await tx.delete(itemAudience).where(inArray(itemAudience.itemId, itemIds));
    await tx.delete(agendaItems).where(inArray(agendaItems.id, itemIds));
  }
  // A stored POST answer (an item's summary, a decision's text) or a dead letter may still quote
  // them; a decision's answer names its item in the path only.
  await forgetQuotes(tx, orgId, [referralId, ...itemIds], { inPath: true });
  if (indexed.length === 0 && itemIds.length === 0) return;
  // On the coordinators' trail, ids only, so they can see what went and when.
  await auditPurge(
    tx,
    orgId,
    [{ type: "referral", id: referralId }, ...itemIds.map((id) => ({ type: "agenda_item" as const, id }))],
    at,
  );
}
