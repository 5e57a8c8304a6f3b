// A valid referral as a police zone's records system files it (same shape as referrals' tests).
import { randomUUID } from "node:crypto";
import { mintToken } from "@relais/testing";

export const referralBody = JSON.stringify({
  policeZone: "5277 Seraing/Neupré",
  incidentReference: "LI.55.L1.012345/26",
  incidentAt: "2026-11-20T22:10:00+01:00",
  kind: "partner",
  riskLevel: "high",
  childrenPresent: true,
  municipality: "Seraing",
  persons: [
    { role: "victim", consent: true, language: "fr", contact: { phone: "+32470000001" } },
    { role: "author", consent: false, language: "fr", contact: { phone: "+32470000002" } },
  ],
});

export async function policeHeaders(): Promise<Record<string, string>> {
  const token = await mintToken({ role: "police", org: "org-liege", sub: "zone-5277", expiresIn: "2h" });
  return { authorization: `Bearer ${token}`, "content-type": "application/json" };
}

/** Each request its own key, so every POST files a new referral rather than replaying one. */
export function freshIdempotencyKey(): Record<string, string> {
  return { "idempotency-key": randomUUID() };
}
