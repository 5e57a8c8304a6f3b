// Fills the contact book with a referral's persons who may be contacted; the others are never
// stored here (only that they may not be, so that no direct enrolment's details contact them). Messages held for a person (their enrolment was handled before the referral) are
// released in the same transaction as their contact is written, or ended if they may not be contacted.
import type { ReferralPersonSealed, ReferralReceived } from "@relais/contracts";
import { isPurged } from "../db/purged-persons.js";
import { rememberUncontactable } from "../db/uncontactable-persons.js";
import type { EventOf, TxContext } from "./context.js";
import { releaseHeld } from "./release-held.js";
import { rememberReferralContact } from "./remember-referral-contact.js";
import { settleHeld } from "./settle-held.js";

type Person = EventOf<typeof ReferralReceived>["data"]["persons"][number];

export async function fileReferralContacts(
  ctx: TxContext,
  input: {
    event: EventOf<typeof ReferralReceived>;
    /** Opens the name and contact details sealed for this service; undefined when none came. */
    open: (person: Person) => ReferralPersonSealed | undefined;
  },
): Promise<void> {
  const { event } = input;
  const now = ctx.clock.now();
  for (const person of event.data.persons) {
    // A referral replayed after its person was purged must not bring their contact back.
    if (await isPurged(ctx.tx, person.personRef)) continue;
    const opened = input.open(person);
    if (!opened || !person.consent || person.preferences.doNotContact) {
      const reason = person.preferences.doNotContact ? "do_not_contact" : "no_contact";
      const { orgId } = event;
      const { personRef } = person;
      // A contact a facilitator typed in before the referral came goes: the referral says no.
      const { droppedTypedContact } = await rememberUncontactable(ctx.tx, {
        orgId,
        personRef,
        reason,
        at: event.occurredAt,
      });
      if (droppedTypedContact)
        ctx.logger?.info(
          { personRef, reason },
          "a direct enrolment's contact dropped: the referral says not to contact",
        );
      await settleHeld(ctx, { orgId, personRef, reason, now });
      continue;
    }
    const contact = await rememberReferralContact(ctx, {
      orgId: event.orgId,
      referralId: event.data.referralId,
      personRef: person.personRef,
      role: person.role,
      language: person.language,
      timeZone: person.timeZone,
      displayName: opened.displayName,
      contact: opened.contact,
      preferences: person.preferences,
      at: event.occurredAt,
    });
    await releaseHeld(ctx, { contact, now });
  }
}
