// Case conferences' messages: each invitee's calendar invite (or cancellation) to their
// organisational address, and the reminder of an overdue action to its owner. The addresses
// arrive sealed for notifications and are opened here only; the agenda never reaches this service.
import { ActionOverdue, InvitationSent, InviteeSealed } from "@relais/contracts";
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

export async function remindConferenceAction(
  ctx: TxContext & Pick<ConsumerDeps, "open">,
  event: EventOf<typeof ActionOverdue>,
): Promise<void> {
  const { data } = event;
  const { email } = InviteeSealed.parse(ctx.open.open(data.sealed, ActionOverdue.type));
  const due = DateTime.fromISO(data.dueDate)
    .setLocale({ fr: "fr-BE", nl: "nl-BE", en: "en-GB" }[data.language])
    .toLocaleString(DateTime.DATE_FULL);
  await queueMessage(ctx.tx, ctx.box, {
    orgId: event.orgId,
    personRef: null,
    channel: "email",
    template: "conference_action_overdue",
    language: data.language,
    discreet: false,
    payload: { to: email, params: { conference: data.conferenceTitle, due } },
    now: ctx.clock.now(),
  });
}
