// The service's small index of referrals: id, organisation, zone, municipality and risk level,
// so that a coordinator can put one on an agenda. Nothing about its persons is kept.
import { consumerOf } from "@relais/bus";
import { ReferralReceived } from "@relais/contracts";
import { referralIndex } from "../db/schema.js";
import { personPurgedConsumer } from "./person-purged.js";

export const referralReceivedConsumer = consumerOf(
  ReferralReceived,
  "conferences-referral-received",
  async (tx, event) => {
    await tx
      .insert(referralIndex)
      .values({
        referralId: event.data.referralId,
        orgId: event.orgId,
        policeZone: event.data.policeZone,
        municipality: event.data.municipality,
        riskLevel: event.data.riskLevel,
        receivedAt: event.occurredAt,
      })
      .onConflictDoNothing();
  },
);

export function conferenceConsumers() {
  return [referralReceivedConsumer, personPurgedConsumer];
}
