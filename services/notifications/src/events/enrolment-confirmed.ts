// An enrolment: one message with the whole series as a calendar invite, and reminders planned.
import type { ConsumerDefinition } from "@relais/bus";
import { EnrolmentConfirmed } from "@relais/contracts";
import { inviteFile, writeInvite } from "../calendar/invites.js";
import { replanReminders } from "../calendar/replan.js";
import { nextSession, saveSeries, venueOf } from "../calendar/series-store.js";
import { rememberEnrolmentContact } from "../contacts/contact-book.js";
import { messagePerson } from "../delivery/to-person.js";
import { formatWhen } from "../domain/format.js";
import type { NotifyDeps } from "../settings.js";

export function enrolmentConfirmedConsumer(deps: NotifyDeps): ConsumerDefinition {
  return {
    stream: "GROUPS",
    durable: "notifications-enrolment-confirmed",
    filterSubject: EnrolmentConfirmed.subject,
    events: [EnrolmentConfirmed],
    async handle(tx, envelope) {
      const { data, orgId, occurredAt } = EnrolmentConfirmed.envelope.parse(envelope);
      const now = deps.clock.now();
      const series = await saveSeries(tx, orgId, data.series, occurredAt);
      const contact = await rememberEnrolmentContact(tx, deps.box, {
        orgId,
        personRef: data.personRef,
        language: data.language,
        timeZone: series.timeZone,
        displayName: data.displayName,
        contact: data.contact,
        preferences: data.preferences,
        at: occurredAt,
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
      const language = contact?.language ?? data.language;
      const first = nextSession(series, now);
      await messagePerson(tx, deps.box, {
        orgId,
        personRef: data.personRef,
        contact,
        fallbackLanguage: data.language,
        template: "enrolment_confirmed",
        params: {
          groupName: series.publicName,
          when: first ? formatWhen(first.startsAt, series.timeZone, language) : "",
          place: venueOf(series),
        },
        ics: contact
          ? inviteFile({ series, invite, contact, method: "REQUEST", settings: deps.settings, now })
          : undefined,
        now,
      });
      await replanReminders(tx, {
        orgId,
        series,
        personRef: data.personRef,
        contact,
        offsetsMinutes: deps.settings.reminderOffsetsMinutes,
        enrolled: true,
        now,
      });
    },
  };
}
