// An enrolment: one message with the whole series as a calendar invite, and reminders planned.
// Without a contact yet the invite is held until it comes (`release-held.ts`).
import type { EnrolmentConfirmed, EnrolmentPersonSealed } from "@relais/contracts";
import { writeInvite } from "../db/invites.js";
import { isPurged } from "../db/purged-persons.js";
import { saveSeries } from "../db/series.js";
import { carriesContact } from "../domain/contact.js";
import type { EventOf, TxContext } from "./context.js";
import { releaseHeld } from "./release-held.js";
import { rememberEnrolmentContact } from "./remember-enrolment-contact.js";
import { sendEnrolmentInvite } from "./send-enrolment-invite.js";

export async function confirmEnrolment(
  ctx: TxContext,
  input: {
    event: EventOf<typeof EnrolmentConfirmed>;
    /** The sealed name and contact details the event carried, opened. */
    person: () => EnrolmentPersonSealed;
  },
): Promise<void> {
  const { tx } = ctx;
  const { data, orgId, occurredAt } = input.event;
  const now = ctx.clock.now();
  const series = await saveSeries(tx, orgId, data.series, occurredAt);
  // A late event about a purged person must not bring them back.
  if (await isPurged(tx, data.personRef)) return;
  const person = input.person();
  const contact = await rememberEnrolmentContact(ctx, {
    event: input.event,
    person,
    timeZone: series.timeZone,
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
  // A contact that came with this enrolment releases what waited for it in other groups;
  // this group's state goes out just below.
  if (contact && carriesContact(person.contact))
    await releaseHeld(ctx, { contact, supersededGroup: series.groupId, now });
  await sendEnrolmentInvite(ctx, {
    orgId,
    series,
    invite,
    contact,
    fallbackLanguage: data.language,
    now,
  });
}
