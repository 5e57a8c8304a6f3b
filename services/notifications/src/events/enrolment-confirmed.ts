// An enrolment: one message with the whole series as a calendar invite, and reminders planned.
// Without a contact yet the invite is held until it comes (`delivery/release-held.ts`).
import type { ConsumerDefinition } from "@relais/bus";
import { EnrolmentConfirmed } from "@relais/contracts";
import { writeInvite } from "../calendar/invites.js";
import { sendEnrolmentInvite } from "../calendar/send-invite.js";
import { saveSeries } from "../calendar/series-store.js";
import { carriesContact, rememberEnrolmentContact } from "../contacts/contact-book.js";
import { isPurged } from "../contacts/purged.js";
import { releaseHeld } from "../delivery/release-held.js";
import type { ConsumerDeps } from "../settings.js";
import { openEnrolmentPerson } from "./sealed-fields.js";

export function enrolmentConfirmedConsumer(deps: ConsumerDeps): ConsumerDefinition {
  return {
    stream: "GROUPS",
    durable: "notifications-enrolment-confirmed",
    filterSubject: EnrolmentConfirmed.subject,
    events: [EnrolmentConfirmed],
    async handle(tx, envelope, { logger }) {
      const { data, orgId, occurredAt } = EnrolmentConfirmed.envelope.parse(envelope);
      const now = deps.clock.now();
      const series = await saveSeries(tx, orgId, data.series, occurredAt);
      // A late event about a purged person must not bring them back.
      if (await isPurged(tx, data.personRef)) return;
      const person = openEnrolmentPerson(deps.open, data.sealed, EnrolmentConfirmed.type);
      const contact = await rememberEnrolmentContact(tx, deps.box, {
        orgId,
        enrolmentId: data.enrolmentId,
        personRef: data.personRef,
        language: data.language,
        timeZone: series.timeZone,
        displayName: person.displayName,
        contact: person.contact,
        preferences: person.preferences,
        at: occurredAt,
        logger,
      });
      const invite = await writeInvite(tx, {
        orgId,
        groupId: series.groupId,
        personRef: data.personRef,
        enrolmentId: data.enrolmentId,
        status: "enrolled",
        bump: true,
        now,
      });
      // A contact that came with this enrolment releases what waited for it in other groups;
      // this group's state goes out just below.
      if (contact && carriesContact(person.contact))
        await releaseHeld(tx, deps, { contact, supersededGroup: series.groupId, now });
      await sendEnrolmentInvite(tx, deps, {
        orgId,
        series,
        invite,
        contact,
        fallbackLanguage: data.language,
        now,
      });
    },
  };
}
