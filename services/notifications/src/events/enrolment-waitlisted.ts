// A place on the waiting list: a short note, no calendar and no venue (only the enrolled learn it).
import type { ConsumerDefinition } from "@relais/bus";
import { DEFAULT_TIME_ZONE, EnrolmentWaitlisted } from "@relais/contracts";
import { findInvite, writeInvite } from "../calendar/invites.js";
import { rememberEnrolmentContact } from "../contacts/contact-book.js";
import { messagePerson } from "../delivery/to-person.js";
import type { NotifyDeps } from "../settings.js";

export function enrolmentWaitlistedConsumer(deps: NotifyDeps): ConsumerDefinition {
  return {
    stream: "GROUPS",
    durable: "notifications-enrolment-waitlisted",
    filterSubject: EnrolmentWaitlisted.subject,
    events: [EnrolmentWaitlisted],
    async handle(tx, envelope) {
      const { data, orgId, occurredAt } = EnrolmentWaitlisted.envelope.parse(envelope);
      const now = deps.clock.now();
      const contact = await rememberEnrolmentContact(tx, deps.box, {
        orgId,
        personRef: data.personRef,
        language: data.language,
        timeZone: DEFAULT_TIME_ZONE,
        displayName: data.displayName,
        contact: data.contact,
        preferences: data.preferences,
        at: occurredAt,
      });
      const existing = await findInvite(tx, data.groupId, data.personRef);
      // Someone already enrolled is not moved back by a late waitlist event.
      if (existing?.status !== "enrolled") {
        await writeInvite(tx, {
          orgId,
          groupId: data.groupId,
          personRef: data.personRef,
          enrolmentId: data.enrolmentId,
          status: "waitlisted",
          bump: false,
          now,
        });
      }
      await messagePerson(tx, deps.box, {
        orgId,
        personRef: data.personRef,
        contact,
        fallbackLanguage: data.language,
        template: "enrolment_waitlisted",
        params: { groupName: data.publicName, position: String(data.position) },
        now,
      });
    },
  };
}
