// A place on the waiting list: a short note, no calendar and no venue (only the enrolled learn it).
import type { ConsumerDefinition } from "@relais/bus";
import { DEFAULT_TIME_ZONE, EnrolmentWaitlisted } from "@relais/contracts";
import { findInvite, writeInvite } from "../calendar/invites.js";
import { carriesContact, rememberEnrolmentContact } from "../contacts/contact-book.js";
import { isPurged } from "../contacts/purged.js";
import { releaseHeld } from "../delivery/release-held.js";
import { messagePerson } from "../delivery/to-person.js";
import type { ConsumerDeps } from "../settings.js";
import { openEnrolmentPerson } from "./sealed-fields.js";

export function enrolmentWaitlistedConsumer(deps: ConsumerDeps): ConsumerDefinition {
  return {
    stream: "GROUPS",
    durable: "notifications-enrolment-waitlisted",
    filterSubject: EnrolmentWaitlisted.subject,
    events: [EnrolmentWaitlisted],
    async handle(tx, envelope, { logger }) {
      const { data, orgId, occurredAt } = EnrolmentWaitlisted.envelope.parse(envelope);
      const now = deps.clock.now();
      // A late event about a purged person must not bring them back.
      if (await isPurged(tx, data.personRef)) return;
      const person = openEnrolmentPerson(deps.open, data.sealed, EnrolmentWaitlisted.type);
      const contact = await rememberEnrolmentContact(tx, deps.box, {
        orgId,
        enrolmentId: data.enrolmentId,
        personRef: data.personRef,
        language: data.language,
        timeZone: DEFAULT_TIME_ZONE,
        displayName: person.displayName,
        contact: person.contact,
        preferences: person.preferences,
        at: occurredAt,
        logger,
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
      // A contact that came with this event releases what waited for it. This group's note goes
      // out below, unless the person is already enrolled there (then their held invite is due).
      if (contact && carriesContact(person.contact))
        await releaseHeld(tx, deps, {
          contact,
          supersededGroup: existing?.status === "enrolled" ? undefined : data.groupId,
          now,
        });
      await messagePerson(tx, deps, {
        orgId,
        personRef: data.personRef,
        groupId: data.groupId,
        contact,
        fallbackLanguage: data.language,
        template: "enrolment_waitlisted",
        params: { groupName: data.publicName, position: String(data.position) },
        now,
      });
    },
  };
}
