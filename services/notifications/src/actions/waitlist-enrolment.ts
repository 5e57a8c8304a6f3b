// A place on the waiting list: a short note, no calendar and no venue (only the enrolled learn it).
import { DEFAULT_TIME_ZONE, type EnrolmentPersonSealed, type EnrolmentWaitlisted } from "@relais/contracts";
import { findInvite, writeInvite } from "../db/invites.js";
import { isPurged } from "../db/purged-persons.js";
import { carriesContact } from "../domain/contact.js";
import type { EventOf, TxContext } from "./context.js";
import { messagePerson } from "./message-person.js";
import { releaseHeld } from "./release-held.js";
import { rememberEnrolmentContact } from "./remember-enrolment-contact.js";

export async function waitlistEnrolment(
  ctx: TxContext,
  input: { event: EventOf<typeof EnrolmentWaitlisted>; person: () => EnrolmentPersonSealed },
): Promise<void> {
  const { tx } = ctx;
  const { data, orgId } = input.event;
  const now = ctx.clock.now();
  // A late event about a purged person must not bring them back.
  if (await isPurged(tx, data.personRef)) return;
  const person = input.person();
  const contact = await rememberEnrolmentContact(ctx, {
    event: input.event,
    person,
    timeZone: DEFAULT_TIME_ZONE,
  });
  const existing = await findInvite(tx, data.groupId, data.personRef);
  // Someone already enrolled is not moved back by a late waitlist event.
  if (existing?.status !== "enrolled") {
    await writeInvite(tx, {
      orgId,
      groupId: data.groupId,
      personRef: data.personRef,
      enrolmentId: data.enrolmentId,
      status: "waitlisted",
      bump: false,
      now,
    });
  }
  // A contact that came with this event releases what waited for it. This group's note goes
  // out below, unless the person is already enrolled there (then their held invite is due).
  if (contact && carriesContact(person.contact))
    await releaseHeld(ctx, {
      contact,
      supersededGroup: existing?.status === "enrolled" ? undefined : data.groupId,
      now,
    });
  await messagePerson(ctx, {
    orgId,
    about: data,
    contact,
    template: "enrolment_waitlisted",
    params: { groupName: data.publicName, position: String(data.position) },
    now,
  });
}
