// Fills the contact book with the persons who may be contacted; the others are never stored here.
// Messages held for a person (their enrolment was handled before this event) are released in the
// same transaction as their contact is written, or ended if they may not be contacted.
import type { ConsumerDefinition } from "@relais/bus";
import { ReferralReceived } from "@relais/contracts";
import type { Contact } from "../contacts/contact-book.js";
import { isPurged } from "../contacts/purged.js";
import { contacts } from "../db/schema.js";
import { releaseHeld, settleHeld } from "../delivery/release-held.js";
import type { NotifyDeps } from "../settings.js";
import { openReferralPerson } from "./sealed-fields.js";

export function referralReceivedConsumer(deps: NotifyDeps): ConsumerDefinition {
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
            personRef: person.personRef,
            reason: person.preferences.doNotContact ? "do_not_contact" : "no_contact",
            now,
          });
          continue;
        }
        const row = {
          orgId: event.orgId,
          role: person.role,
          language: person.language,
          timeZone: person.timeZone,
          sealed: deps.box.seal(JSON.stringify({ ...opened.contact, displayName: opened.displayName })),
          preferences: person.preferences,
          updatedAt: event.occurredAt,
        };
        await tx
          .insert(contacts)
          .values({ personRef: person.personRef, ...row })
          .onConflictDoUpdate({ target: contacts.personRef, set: row });
        const contact: Contact = {
          personRef: person.personRef,
          orgId: event.orgId,
          role: person.role,
          language: person.language,
          timeZone: person.timeZone,
          email: opened.contact.email,
          phone: opened.contact.phone,
          displayName: opened.displayName,
          preferences: person.preferences,
          updatedAt: event.occurredAt,
        };
        await releaseHeld(tx, deps, { contact, now });
      }
    },
  };
}
