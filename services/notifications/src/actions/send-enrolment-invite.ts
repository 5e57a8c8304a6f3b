// The enrolment message: the whole series as a calendar invite (REQUEST), and the reminders planned.
// Used when an enrolment is confirmed and when an invite held for a contact is released, so a
// released invite is built from the series and SEQUENCE as they are at release, never stale.
import type { Language, SeriesSnapshot } from "@relais/contracts";
import type { Invite } from "../db/invites.js";
import type { Contact } from "../domain/contact.js";
import { formatWhen } from "../domain/format.js";
import { inviteFile } from "../domain/invite.js";
import { nextSession, venueOf } from "../domain/series.js";
import type { TxContext } from "./context.js";
import { messagePerson } from "./message-person.js";
import { replanReminders } from "./replan-reminders.js";

export async function sendEnrolmentInvite(
  ctx: TxContext,
  input: {
    orgId: string;
    series: SeriesSnapshot;
    invite: Invite;
    contact: Contact | null;
    fallbackLanguage: Language;
    /** The held row this invite releases. */
    replaces?: string;
    now: Date;
  },
): Promise<void> {
  const { series, invite, contact, now } = input;
  const language = contact?.language ?? input.fallbackLanguage;
  const first = nextSession(series, now);
  await messagePerson(ctx, {
    orgId: input.orgId,
    personRef: invite.personRef,
    groupId: series.groupId,
    contact,
    fallbackLanguage: input.fallbackLanguage,
    template: "enrolment_confirmed",
    params: {
      groupName: series.publicName,
      when: first ? formatWhen(first.startsAt, series.timeZone, language) : "",
      place: venueOf(series),
    },
    ics: contact
      ? inviteFile({ series, invite, contact, method: "REQUEST", mailFrom: ctx.settings.mailFrom, now })
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
