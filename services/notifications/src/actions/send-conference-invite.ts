// A case conference's calendar invite (or cancellation) to each invitee's organisational address.
// The address arrives sealed for notifications and is opened here only; the agenda never reaches
// this service.
import { InvitationSent, InviteeSealed } from "@relais/contracts";
import { DateTime } from "luxon";
import { queueMessage } from "../db/messages.js";
import { conferenceInvite } from "../domain/conference-invite.js";
import { formatWhen } from "../domain/format.js";
import { formatMessage } from "../domain/templates.js";
import type { ConsumerDeps, EventOf, TxContext } from "./context.js";

export async function sendConferenceInvite(
  ctx: TxContext & Pick<ConsumerDeps, "open">,
  event: EventOf<typeof InvitationSent>,
): Promise<void> {
  const { data } = event;
  const { email } = InviteeSealed.parse(ctx.open.open(data.sealed, InvitationSent.type));
  const now = ctx.clock.now();
  const { calendar } = data;
  const firstAt = DateTime.fromISO(calendar.dtstart, { zone: calendar.timeZone }).toUTC().toISO()!;
  const ics = conferenceInvite({
    calendar,
    inviteeId: data.inviteeId,
    sequence: data.sequence,
    method: data.method,
    recipient: { email, name: data.organisationName },
    organizer: { email: ctx.settings.mailFrom, name: "Relais" },
    summary: formatMessage(data.language, "calendar.conferenceSummary", { conference: calendar.title }),
    now,
  });
  await queueMessage(ctx.tx, ctx.box, {
    orgId: event.orgId,
    personRef: null,
    channel: "email",
    template: data.method === "CANCEL" ? "conference_cancelled" : "conference_invite",
    language: data.language,
    discreet: false,
    payload: {
      to: email,
      params: {
        conference: calendar.title,
        when: formatWhen(firstAt, calendar.timeZone, data.language),
        place: calendar.location ?? "",
      },
      ics: { method: data.method, content: ics },
    },
    now,
  });
}
