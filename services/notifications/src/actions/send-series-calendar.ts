// A message to an enrolled person carrying their calendar of the series (the whole series, or a
// cancellation of all or one session), and their reminders re-planned to match: what an
// enrolment, a release of a held invite and every change of the series send.
import type { Language, SeriesSnapshot } from "@relais/contracts";
import type { Invite } from "../db/invites.js";
import type { Contact } from "../domain/contact.js";
import { inviteFile } from "../domain/invite.js";
import type { PersonTemplate, TemplateParams } from "../domain/templates.js";
import type { TxContext } from "./context.js";
import { messagePerson } from "./message-person.js";
import { replanReminders } from "./replan-reminders.js";

/** What the attached calendar does: send the series, or cancel all or one of its sessions. */
export type SeriesCalendar = { method: "REQUEST" } | { method: "CANCEL"; cancelledSessionId?: string };

/** An enrolled person's invite, the series and their contact (none yet: the message is held). */
export interface EnrolledRecipient {
  orgId: string;
  series: SeriesSnapshot;
  invite: Invite;
  contact: Contact | null;
  /** The language without a contact yet. */
  fallbackLanguage: Language;
  /** The held row this message releases. */
  replaces?: string;
  now: Date;
}

export async function sendSeriesCalendar(
  ctx: TxContext,
  input: EnrolledRecipient & {
    template: PersonTemplate;
    params: TemplateParams;
    /** None: the message goes without a calendar. */
    calendar: SeriesCalendar | null;
  },
): Promise<void> {
  const { series, invite, contact, calendar, now } = input;
  await messagePerson(ctx, {
    orgId: input.orgId,
    about: { personRef: invite.personRef, groupId: series.groupId, language: input.fallbackLanguage },
    contact,
    template: input.template,
    params: input.params,
    ics:
      contact && calendar
        ? inviteFile({ series, invite, contact, ...calendar, mailFrom: ctx.settings.mailFrom, now })
        : undefined,
    replaces: input.replaces,
    now,
  });
  await replanReminders(ctx, {
    orgId: input.orgId,
    series,
    personRef: invite.personRef,
    contact,
    enrolled: true,
    now,
  });
}
