// Messages held for a person's contact. Events of different streams arrive in any order: an
// enrolment (groups) may be handled before the referral (referrals) that brings the person's
// contact. What was held is released in the transaction that writes the contact, decided per
// group from the state as it is then:
// - enrolled: one invite (REQUEST) of the series as it is now, with a fresh SEQUENCE, and the
//   reminders planned; held notes of moved or cancelled sessions are superseded by it (the person
//   never had the calendar they would correct);
// - waitlisted: the waiting-list note;
// - every session cancelled meanwhile: nothing (`series_cancelled`);
// - ended (or no enrolment any more): nothing — the person never heard of it, so there is nothing
//   to cancel. The held rows are suppressed `enrolment_ended`.
// Only `held` rows are touched, and each is rewritten in place, so a second referral event for
// the same person releases nothing twice.
import type { Executor } from "@relais/db";
import { and, asc, eq, inArray } from "drizzle-orm";
import { findInvite, writeInvite } from "../calendar/invites.js";
import { sendEnrolmentInvite } from "../calendar/send-invite.js";
import { loadSeries } from "../calendar/series-store.js";
import type { Contact } from "../contacts/contact-book.js";
import { messages } from "../db/schema.js";
import type { NotifyDeps } from "../settings.js";
import { openPayload } from "./queue.js";
import { messagePerson } from "./to-person.js";

interface Held {
  id: string;
  orgId: string;
  template: string;
  language: (typeof messages.$inferSelect)["language"];
  groupId: string;
  params: Record<string, string | undefined>;
}

/**
 * The person's held messages in one organisation, oldest first, with the group each is about: a
 * contact of one organisation never releases (nor ends) another organisation's messages.
 */
async function heldFor(
  tx: Executor,
  deps: Pick<NotifyDeps, "box">,
  orgId: string,
  personRef: string,
): Promise<Held[]> {
  const rows = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.orgId, orgId), eq(messages.personRef, personRef), eq(messages.status, "held")))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  return rows.map((row) => {
    const payload = openPayload(deps.box, row.sealed);
    return {
      id: row.id,
      orgId: row.orgId,
      template: row.template,
      language: row.language,
      groupId: payload.heldFor?.groupId ?? "",
      params: { ...payload.params },
    };
  });
}

async function settle(tx: Executor, ids: string[], reason: string, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(messages)
    .set({ status: "suppressed", reason, updatedAt: now.toISOString() })
    .where(and(inArray(messages.id, ids), eq(messages.status, "held")));
}

/**
 * Ends the wait of a person's held messages without sending them (all of them, or one group's):
 * the referral says they may not be contacted, or the enrolment ended before the contact came.
 */
export async function settleHeld(
  tx: Executor,
  deps: Pick<NotifyDeps, "box">,
  input: { orgId: string; personRef: string; groupId?: string; reason: string; now: Date },
): Promise<void> {
  const held = await heldFor(tx, deps, input.orgId, input.personRef);
  const ids = held.filter((h) => !input.groupId || h.groupId === input.groupId).map((h) => h.id);
  await settle(tx, ids, input.reason, input.now);
}

/**
 * Sends what was held for this person now that their contact is in the book. `supersededGroup`:
 * the caller is sending that group's current state itself (an enrolment that carried the contact).
 */
export async function releaseHeld(
  tx: Executor,
  deps: NotifyDeps,
  input: { contact: Contact; supersededGroup?: string; now: Date },
): Promise<void> {
  const { contact, now } = input;
  const held = await heldFor(tx, deps, contact.orgId, contact.personRef);
  const byGroup = new Map<string, Held[]>();
  for (const h of held) byGroup.set(h.groupId, [...(byGroup.get(h.groupId) ?? []), h]);

  for (const [groupId, rows] of byGroup) {
    const ids = rows.map((r) => r.id);
    if (groupId === input.supersededGroup) {
      await settle(tx, ids, "superseded", now);
      continue;
    }
    const invite = groupId ? await findInvite(tx, groupId, contact.personRef) : null;
    const series = invite ? await loadSeries(tx, groupId) : null;
    // Every session cancelled meanwhile: the person never had the calendar, nothing to send.
    if (invite?.status === "enrolled" && series?.sessions.every((s) => s.status === "cancelled")) {
      await settle(tx, ids, "series_cancelled", now);
      continue;
    }
    if (invite?.status === "enrolled" && series) {
      // The invite goes in the row of the held enrolment message (or the latest held one).
      const carrier = rows.findLast((r) => r.template === "enrolment_confirmed") ?? rows.at(-1)!;
      await settle(
        tx,
        ids.filter((id) => id !== carrier.id),
        "superseded",
        now,
      );
      // Every calendar sent carries a higher SEQUENCE than anything before it.
      const current = await writeInvite(tx, { ...invite, status: "enrolled", bump: true, now });
      await sendEnrolmentInvite(tx, deps, {
        orgId: invite.orgId,
        series,
        invite: current,
        contact,
        fallbackLanguage: carrier.language,
        replaces: carrier.id,
        now,
      });
      continue;
    }
    const note =
      invite?.status === "waitlisted"
        ? rows.findLast((r) => r.template === "enrolment_waitlisted")
        : undefined;
    if (note) {
      await settle(
        tx,
        ids.filter((id) => id !== note.id),
        "superseded",
        now,
      );
      await messagePerson(tx, deps, {
        orgId: note.orgId,
        personRef: contact.personRef,
        groupId,
        contact,
        fallbackLanguage: note.language,
        template: "enrolment_waitlisted",
        params: { groupName: note.params.groupName, position: note.params.position },
        replaces: note.id,
        now,
      });
      continue;
    }
    await settle(tx, ids, "enrolment_ended", now);
  }
}
