// Retention: when referrals purges a person, this service forgets them too — contact, calendars,
// reminders, and the addresses and texts in their delivery log. The log keeps only bare statuses.
// Messages held for their contact are suppressed, and a hash of the reference is kept so that a
// late event about them (a referral, an enrolment) brings back neither a contact nor a message.
import type { ConsumerDefinition } from "@relais/bus";
import { PersonPurged } from "@relais/contracts";
import { and, eq, inArray } from "drizzle-orm";
import { rememberPurged } from "../contacts/purged.js";
import { contacts, invites, messages, reminders, teamTasks } from "../db/schema.js";
import type { NotifyDeps } from "../settings.js";

export function personPurgedConsumer(deps: NotifyDeps): ConsumerDefinition {
  return {
    stream: "REFERRALS",
    durable: "notifications-person-purged",
    filterSubject: PersonPurged.subject,
    events: [PersonPurged],
    async handle(tx, envelope) {
      const { data } = PersonPurged.envelope.parse(envelope);
      const at = deps.clock.now().toISOString();
      await rememberPurged(tx, data.personRef, at);
      await tx.delete(contacts).where(eq(contacts.personRef, data.personRef));
      await tx.delete(teamTasks).where(eq(teamTasks.personRef, data.personRef));
      await tx.delete(invites).where(eq(invites.personRef, data.personRef));
      await tx.delete(reminders).where(eq(reminders.personRef, data.personRef));
      await tx
        .update(messages)
        .set({ status: "suppressed", reason: "person_purged", leaseUntil: null, updatedAt: at })
        .where(and(eq(messages.personRef, data.personRef), inArray(messages.status, ["queued", "held"])));
      await tx
        .update(messages)
        .set({ sealed: deps.box.seal("{}"), personRef: null, updatedAt: at })
        .where(eq(messages.personRef, data.personRef));
    },
  };
}
