// A moved session: every enrolled participant gets the series again with the moved occurrence
// (RECURRENCE-ID) and a higher SEQUENCE; their reminders move with it.
import type { ConsumerDefinition } from "@relais/bus";
import { SessionChanged } from "@relais/contracts";
import { enrolledInvites, inviteFile, writeInvite } from "../calendar/invites.js";
import { replanReminders } from "../calendar/replan.js";
import { saveSeries, venueOf } from "../calendar/series-store.js";
import { loadContact } from "../contacts/contact-book.js";
import { messagePerson } from "../delivery/to-person.js";
import { formatWhen } from "../domain/format.js";
import type { NotifyDeps } from "../settings.js";

export function sessionChangedConsumer(deps: NotifyDeps): ConsumerDefinition {
  return {
    stream: "GROUPS",
    durable: "notifications-session-changed",
    filterSubject: SessionChanged.subject,
    events: [SessionChanged],
    async handle(tx, envelope) {
      const { data, orgId, occurredAt } = SessionChanged.envelope.parse(envelope);
      const now = deps.clock.now();
      const series = await saveSeries(tx, orgId, data.series, occurredAt);
      const session = series.sessions.find((s) => s.sessionId === data.sessionId);
      for (const current of await enrolledInvites(tx, series.groupId)) {
        const invite = await writeInvite(tx, { ...current, status: "enrolled", bump: true, now });
        const contact = await loadContact(tx, deps.box, invite.orgId, invite.personRef);
        const language = contact?.language ?? series.language;
        // Without a contact yet, held: the invite released with the contact will show this change.
        await messagePerson(tx, deps, {
          orgId,
          personRef: invite.personRef,
          groupId: series.groupId,
          contact,
          fallbackLanguage: series.language,
          template: "session_changed",
          params: {
            groupName: series.publicName,
            when: session ? formatWhen(session.startsAt, series.timeZone, language) : "",
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
          personRef: invite.personRef,
          contact,
          offsetsMinutes: deps.settings.reminderOffsetsMinutes,
          enrolled: true,
          now,
        });
      }
    },
  };
}
