import { consumerOf } from "@relais/bus";
import { ReferralReceived } from "@relais/contracts";
import { separations } from "../db/schema.js";

/** Records which persons of a referral must be kept apart, in both directions. */
export const referralReceivedConsumer = consumerOf(
  ReferralReceived,
  "groups-referral-received",
  async (tx, event) => {
    const victims = event.data.persons.filter((p) => p.role === "victim");
    const authors = event.data.persons.filter((p) => p.role === "author");
    const rows = victims.flatMap((victim) =>
      authors.flatMap((author) => [
        [victim.personRef, author.personRef],
        [author.personRef, victim.personRef],
      ]),
    );
    if (rows.length === 0) return;
    await tx
      .insert(separations)
      .values(
        rows.map(([personRef, otherPersonRef]) => ({
          orgId: event.orgId,
          personRef: personRef!,
          otherPersonRef: otherPersonRef!,
          referralId: event.data.referralId,
          createdAt: event.occurredAt,
        })),
      )
      .onConflictDoNothing();
  },
);
