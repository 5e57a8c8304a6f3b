import { consumerOf } from "@relais/bus";
import { ReferralReceived } from "@relais/contracts";
import { referredPersons, separations } from "../db/schema.js";

/**
 * Records everyone the referral names, with their role (the kinds of group they may join, and
 * that their referral says how they are reached), and which of them must be kept apart, in both
 * directions.
 */
export const referralReceivedConsumer = consumerOf(
  ReferralReceived,
  "groups-referral-received",
  async (tx, event) => {
    await tx
      .insert(referredPersons)
      .values(
        event.data.persons.map((p) => ({
          personRef: p.personRef,
          orgId: event.orgId,
          role: p.role,
          referralId: event.data.referralId,
          createdAt: event.occurredAt,
        })),
      )
      .onConflictDoNothing();
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
