// A valid referral as a police zone's records system files it (the one referrals' tests file).
import { randomUUID } from "node:crypto";
import { mintToken, policeReferral } from "@relais/testing";

export const referralBody = JSON.stringify(policeReferral());

export async function policeHeaders(): Promise<Record<string, string>> {
  const token = await mintToken({ role: "police", org: "org-liege", sub: "zone-5277", expiresIn: "2h" });
  return { authorization: `Bearer ${token}`, "content-type": "application/json" };
}

/** Each request its own key, so every POST files a new referral rather than replaying one. */
export function freshIdempotencyKey(): Record<string, string> {
  return { "idempotency-key": randomUUID() };
}
