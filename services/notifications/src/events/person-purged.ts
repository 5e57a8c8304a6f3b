// Retention: when referrals purges a person, this service forgets them too — contact, calendars,
// reminders, and the addresses and texts in their delivery log. The log keeps only bare statuses.
import type { ConsumerDefinition } from "@relais/bus";
import { PersonPurged } from "@relais/contracts";
import { and, eq } from "drizzle-orm";
import { contacts, invites, messages, reminders } from "../db/schema.js";
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
      await tx.delete(contacts).where(eq(contacts.personRef, data.personRef));
      await tx.delete(invites).where(eq(invites.personRef, data.personRef));
      await tx.delete(reminders).where(eq(reminders.personRef, data.personRef));
      await tx
        .update(messages)
        .set({ status: "suppressed", reason: "person_purged", leaseUntil: null, updatedAt: at })
        .where(and(eq(messages.personRef, data.personRef), eq(messages.status, "queued")));
      await tx
        .update(messages)
        .set({ sealed: deps.box.seal("{}"), personRef: null, updatedAt: at })
        .where(eq(messages.personRef, data.personRef));
    },
  };
}
