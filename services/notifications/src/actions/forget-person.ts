// Retention: when referrals purges a person, this service forgets them too — contact, calendars,
// reminders, and the addresses and texts in their delivery log. The log keeps only bare statuses.
// Messages held for their contact are suppressed, and a hash of the reference is kept so that a
// late event about them (a referral, an enrolment) brings back neither a contact nor a message.
import { and, eq, inArray } from "drizzle-orm";
import { rememberPurged } from "../db/purged-persons.js";
import { contacts, invites, messages, reminders, teamTasks, uncontactablePersons } from "../db/schema.js";
import type { TxContext } from "./context.js";

export async function forgetPerson(ctx: Pick<TxContext, "tx" | "box" | "clock">, personRef: string) {
  const { tx } = ctx;
  const at = ctx.clock.now().toISOString();
  await rememberPurged(tx, personRef, at);
  await tx.delete(contacts).where(eq(contacts.personRef, personRef));
  await tx.delete(uncontactablePersons).where(eq(uncontactablePersons.personRef, personRef));
  await tx.delete(teamTasks).where(eq(teamTasks.personRef, personRef));
  await tx.delete(invites).where(eq(invites.personRef, personRef));
  await tx.delete(reminders).where(eq(reminders.personRef, personRef));
  await tx
    .update(messages)
    .set({ status: "suppressed", reason: "person_purged", leaseUntil: null, updatedAt: at })
    .where(and(eq(messages.personRef, personRef), inArray(messages.status, ["queued", "held"])));
  await tx
    .update(messages)
    .set({ sealed: ctx.box.seal("{}"), personRef: null, updatedAt: at })
    .where(eq(messages.personRef, personRef));
}
