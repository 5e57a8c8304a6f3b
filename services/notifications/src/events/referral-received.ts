import type { ConsumerDefinition } from "@relais/bus";
import { ReferralReceived } from "@relais/contracts";
import { contacts } from "../db/schema.js";
import type { SealedBox } from "../domain/sealed-box.js";

/** Fills the contact book with the persons who may be contacted; the others are never stored here. */
export function referralReceivedConsumer(box: SealedBox): ConsumerDefinition {
  return {
    stream: "REFERRALS",
    durable: "notifications-referral-received",
    filterSubject: ReferralReceived.subject,
    events: [ReferralReceived],
    async handle(tx, envelope) {
      const event = ReferralReceived.envelope.parse(envelope);
      for (const person of event.data.persons) {
        if (!person.contact || !person.consent || person.preferences.doNotContact) continue;
        const row = {
          orgId: event.orgId,
          role: person.role,
          language: person.language,
          timeZone: person.timeZone,
          sealed: box.seal(JSON.stringify({ ...person.contact, displayName: person.displayName })),
          preferences: person.preferences,
          updatedAt: event.occurredAt,
        };
        await tx
          .insert(contacts)
          .values({ personRef: person.personRef, ...row })
          .onConflictDoUpdate({ target: contacts.personRef, set: row });
      }
    },
  };
}
