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
import { findInvite, writeInvite } from "../db/invites.js";
import { type HeldMessage, heldMessages, suppressHeld } from "../db/messages.js";
import { loadSeries } from "../db/series.js";
import type { Contact } from "../domain/contact.js";
import type { TxContext } from "./context.js";
import { messagePerson } from "./message-person.js";
import { sendEnrolmentInvite } from "./send-enrolment-invite.js";

/**
 * Sends what was held for this person now that their contact is in the book. `supersededGroup`:
 * the caller is sending that group's current state itself (an enrolment that carried the contact).
 */
export async function releaseHeld(
  ctx: TxContext,
  input: { contact: Contact; supersededGroup?: string; now: Date },
): Promise<void> {
  const { tx } = ctx;
  const { contact, now } = input;
  const held = await heldMessages(tx, ctx.box, contact.orgId, contact.personRef);
  const byGroup = new Map<string, HeldMessage[]>();
  for (const h of held) byGroup.set(h.groupId, [...(byGroup.get(h.groupId) ?? []), h]);

  for (const [groupId, rows] of byGroup) {
    const ids = rows.map((r) => r.id);
    if (groupId === input.supersededGroup) {
      await suppressHeld(tx, ids, "superseded", now);
      continue;
    }
    const invite = groupId ? await findInvite(tx, groupId, contact.personRef) : null;
    const series = invite ? await loadSeries(tx, groupId) : null;
    // Every session cancelled meanwhile: the person never had the calendar, nothing to send.
    if (invite?.status === "enrolled" && series?.sessions.every((s) => s.status === "cancelled")) {
      await suppressHeld(tx, ids, "series_cancelled", now);
      continue;
    }
    if (invite?.status === "enrolled" && series) {
      // The invite goes in the row of the held enrolment message (or the latest held one).
      const carrier = rows.findLast((r) => r.template === "enrolment_confirmed") ?? rows.at(-1)!;
      await suppressHeld(
        tx,
        ids.filter((id) => id !== carrier.id),
        "superseded",
        now,
      );
      // Every calendar sent carries a higher SEQUENCE than anything before it.
      const current = await writeInvite(tx, { ...invite, status: "enrolled", bump: true, now });
      await sendEnrolmentInvite(ctx, {
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
      await suppressHeld(
        tx,
        ids.filter((id) => id !== note.id),
        "superseded",
        now,
      );
      await messagePerson(ctx, {
        orgId: note.orgId,
        about: { personRef: contact.personRef, groupId, language: note.language },
        contact,
        template: "enrolment_waitlisted",
        params: { groupName: note.params.groupName, position: note.params.position },
        replaces: note.id,
        now,
      });
      continue;
    }
    await suppressHeld(tx, ids, "enrolment_ended", now);
  }
}
