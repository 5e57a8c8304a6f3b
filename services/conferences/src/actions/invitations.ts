// The calendar events a change sends: one `conferences.invitation.sent` per invitee, their
// organisational address sealed for notifications (it opens it to send that invitee alone).
import { type AuditAction, createEvent, type Envelope, InvitationSent } from "@relais/contracts";
import type { Executor } from "@relais/db";
import { audit } from "@relais/service-kit";
import type { ConferenceRow, InviteeRow } from "../db/store.js";
import type { Ctx } from "./deps.js";

/** A change to a conference on the organiser's audit trail. */
export async function auditConference(
  tx: Executor,
  ctx: Pick<Ctx, "principal" | "requestId">,
  action: AuditAction,
  id: string,
) {
  await audit(tx, ctx, action, { type: "conference", id });
}

/** Events of the verb `ctx` runs (its request is their correlation id), sent at `now`. */
export function invitationEvents(
  ctx: Pick<Ctx, "box" | "seal" | "requestId">,
  now: Date,
  conference: ConferenceRow,
  recipients: readonly InviteeRow[],
  method: "REQUEST" | "CANCEL",
): Envelope[] {
  return recipients.map((invitee) =>
    createEvent(InvitationSent, {
      orgId: conference.orgId,
      source: "conferences",
      correlationId: ctx.requestId,
      occurredAt: now,
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
        sealed: ctx.seal.notifications.seal(
          { email: ctx.box.open(invitee.emailSealed) },
          InvitationSent.type,
        ),
      },
    }),
  );
}
