// The enrolment message: the whole series as a calendar invite (REQUEST), and the reminders planned.
// Used when an enrolment is confirmed and when an invite held for a contact is released, so a
// released invite is built from the series and SEQUENCE as they are at release, never stale.
import type { Language, SeriesSnapshot } from "@relais/contracts";
import type { Executor } from "@relais/db";
import type { Contact } from "../contacts/contact-book.js";
import { messagePerson } from "../delivery/to-person.js";
import { formatWhen } from "../domain/format.js";
import type { NotifyDeps } from "../settings.js";
import { type Invite, inviteFile } from "./invites.js";
import { replanReminders } from "./replan.js";
import { nextSession, venueOf } from "./series-store.js";

export async function sendEnrolmentInvite(
  tx: Executor,
  deps: NotifyDeps,
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
  await messagePerson(tx, deps, {
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
      ? inviteFile({ series, invite, contact, method: "REQUEST", settings: deps.settings, now })
      : undefined,
    replaces: input.replaces,
    now,
  });
  await replanReminders(tx, {
    orgId: input.orgId,
    series,
    personRef: invite.personRef,
    contact,
    offsetsMinutes: deps.settings.reminderOffsetsMinutes,
    enrolled: true,
    now,
  });
}
