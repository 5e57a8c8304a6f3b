// The calendar events a change sends: one `conferences.invitation.sent` per invitee, their
// organisational address sealed for notifications (it opens it to send that invitee alone).
import { createEvent, type Envelope, InvitationSent } from "@relais/contracts";
import type { RecipientSealer, SealedBox } from "@relais/service-kit";
import type { ConferenceRow, InviteeRow } from "../db/store.js";

export function invitationEvents(
  deps: { box: SealedBox; sealer: RecipientSealer; now: Date; correlationId: string },
  conference: ConferenceRow,
  recipients: readonly InviteeRow[],
  method: "REQUEST" | "CANCEL",
): Envelope[] {
  return recipients.map((invitee) =>
    createEvent(InvitationSent, {
      orgId: conference.orgId,
      source: "conferences",
      correlationId: deps.correlationId,
      occurredAt: deps.now,
      data: {
        conferenceId: conference.id,
        inviteeId: invitee.id,
        method,
        sequence: conference.sequence,
        language: invitee.language,
        organisationName: invitee.organisationName,
        calendar: {
          conferenceId: conference.id,
          title: conference.title,
          timeZone: conference.timeZone,
          dtstart: conference.dtstart,
          ...(conference.rrule ? { rrule: conference.rrule } : {}),
          durationMinutes: conference.durationMinutes,
          ...(conference.location ? { location: conference.location } : {}),
        },
        sealed: deps.sealer.seal({ email: deps.box.open(invitee.emailSealed) }, InvitationSent.type),
      },
    }),
  );
}
