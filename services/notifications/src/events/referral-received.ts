// Fills the contact book with the persons who may be contacted; the others are never stored here.
// Messages held for a person (their enrolment was handled before this event) are released in the
// same transaction as their contact is written, or ended if they may not be contacted.
import type { ConsumerDefinition } from "@relais/bus";
import { ReferralReceived } from "@relais/contracts";
import { rememberReferralContact } from "../contacts/contact-book.js";
import { isPurged } from "../contacts/purged.js";
import { releaseHeld, settleHeld } from "../delivery/release-held.js";
import type { ConsumerDeps } from "../settings.js";
import { openReferralPerson } from "./sealed-fields.js";

export function referralReceivedConsumer(deps: ConsumerDeps): ConsumerDefinition {
  return {
    stream: "REFERRALS",
    durable: "notifications-referral-received",
    filterSubject: ReferralReceived.subject,
    events: [ReferralReceived],
    async handle(tx, envelope) {
      const event = ReferralReceived.envelope.parse(envelope);
      const now = deps.clock.now();
      for (const person of event.data.persons) {
        // A referral replayed after its person was purged must not bring their contact back.
        if (await isPurged(tx, person.personRef)) continue;
        const opened = openReferralPerson(deps.open, person.sealed);
        if (!opened || !person.consent || person.preferences.doNotContact) {
          await settleHeld(tx, deps, {
            orgId: event.orgId,
            personRef: person.personRef,
            reason: person.preferences.doNotContact ? "do_not_contact" : "no_contact",
            now,
          });
          continue;
        }
        const contact = await rememberReferralContact(tx, deps.box, {
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
        await releaseHeld(tx, deps, { contact, now });
      }
    },
  };
}
