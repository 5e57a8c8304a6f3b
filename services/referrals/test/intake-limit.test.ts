import { mintToken, useNats } from "@relais/testing";
import { describe, expect, it } from "vitest";
import { referrals } from "../src/db/schema.js";
import { referral, startReferrals } from "./harness.js";

describe("POST /v1/referrals under INTAKE_RATE_LIMIT", () => {
  const broker = useNats();

  it("answers a zone over its limit with 429 problem+json and Retry-After, and leaves other zones alone", async () => {
    const service = await startReferrals(broker.nats, { intakeLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const file = async (zone: string, key: string) =>
        service.app.request("/v1/referrals", {
          method: "POST",
          headers: {
            authorization: `Bearer ${await mintToken({ role: "police", org: "org-liege", sub: `zone-${zone}` })}`,
            "content-type": "application/json",
            "idempotency-key": key,
          },
          body: JSON.stringify(referral),
        });
      expect((await file("5277", "a")).status).toBe(201);
      expect((await file("5277", "b")).status).toBe(201);
      const refused = await file("5277", "c");
      expect(refused.status).toBe(429);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await refused.json()).toMatchObject({ status: 429, code: "rate_limited" });
      // Nothing was filed for the refused request.
      const filed = await service.database.db.$count(referrals);
      expect(filed).toBe(2);
      // Another zone of the same organisation has its own budget.
      expect((await file("5278", "a")).status).toBe(201);
    } finally {
      await service.stop();
    }
  });
});
