// A cancelled session: participants get a CANCEL for that occurrence (RECURRENCE-ID), or for the
// whole series once nothing is left of it; its reminders drop; facilitators are told.
import type { ConsumerDefinition } from "@relais/bus";
import { SessionCancelled } from "@relais/contracts";
import { enrolledInvites, inviteFile, writeInvite } from "../calendar/invites.js";
import { replanReminders } from "../calendar/replan.js";
import { saveSeries } from "../calendar/series-store.js";
import { loadContact } from "../contacts/contact-book.js";
import { queueMessage } from "../delivery/queue.js";
import { messagePerson } from "../delivery/to-person.js";
import { formatWhen } from "../domain/format.js";
import type { NotifyDeps } from "../settings.js";

export function sessionCancelledConsumer(deps: NotifyDeps): ConsumerDefinition {
  return {
    stream: "GROUPS",
    durable: "notifications-session-cancelled",
    filterSubject: SessionCancelled.subject,
    events: [SessionCancelled],
    async handle(tx, envelope) {
      const { data, orgId, occurredAt } = SessionCancelled.envelope.parse(envelope);
      const now = deps.clock.now();
      const series = await saveSeries(tx, orgId, data.series, occurredAt);
      const wholeSeries = series.sessions.every((s) => s.status === "cancelled");
      const hasSession = series.sessions.some((s) => s.sessionId === data.sessionId);
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
          template: "session_cancelled",
          params: {
            groupName: series.publicName,
            when: formatWhen(data.originalStartsAt, series.timeZone, language),
          },
          ics:
            contact && (wholeSeries || hasSession)
              ? inviteFile({
                  series,
                  invite,
                  contact,
                  method: "CANCEL",
                  cancelledSessionId: wholeSeries ? undefined : data.sessionId,
                  settings: deps.settings,
                  now,
                })
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
      for (const facilitator of series.facilitators) {
        await queueMessage(tx, deps.box, {
          orgId,
          personRef: null,
          channel: "email",
          template: "session_cancelled_staff",
          language: series.language,
          discreet: false,
          payload: {
            to: facilitator.email ?? null,
            params: {
              groupName: series.publicName,
              when: formatWhen(data.originalStartsAt, series.timeZone, series.language),
              reason: data.reason ?? "",
            },
          },
          now,
        });
      }
    },
  };
}
