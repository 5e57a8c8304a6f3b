// `referrals.referral.received` as referrals publishes it, for the services' tests that consume it:
// filed by police zone 5277 for Seraing, high risk. Overrides replace whole fields.
import { createEvent, ReferralReceived } from "@relais/contracts";

type ReferralData = ReturnType<
  typeof createEvent<typeof ReferralReceived.type, typeof ReferralReceived.data>
>["data"];
type ReferredPerson = ReferralData["persons"][number];

/** A person of the referral: consenting, French-speaking, in Brussels' time zone. */
export function referredPerson(
  personRef: string,
  role: ReferredPerson["role"],
  overrides: Partial<ReferredPerson> & Pick<ReferredPerson, "preferences">,
): ReferredPerson {
  return { personRef, role, consent: true, language: "fr", timeZone: "Europe/Brussels", ...overrides };
}

export function referralReceived(
  orgId: string,
  data: Partial<ReferralData> & Pick<ReferralData, "referralId" | "persons">,
) {
  return createEvent(ReferralReceived, {
    orgId,
    source: "referrals",
    data: {
      policeZone: "5277",
      municipality: "Seraing",
      riskLevel: "high",
      childrenPresent: false,
      ...data,
    },
  });
}
