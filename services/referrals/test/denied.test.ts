// Attempts on a referral from the other team and another zone are refused and traced where the
// coordinator sees them; every answer about a referral is nosniff and no-store.
import { expiredToken, staleTokens, useService } from "@relais/testing";
import { describe, expect, it } from "vitest";
import { loadRoutingSeed } from "../src/db/load-routing-seed.js";
import { seraingReferral } from "./fixtures.js";
import { call, ORG, type Service, startReferrals, tokens } from "./harness.js";

describe("refused attempts on referrals", () => {
  let service: Service;
  useService((nats) => startReferrals(nats), {
    perTest: true,
    started: async (started) => {
      service = started;
      await loadRoutingSeed(service.database, ORG, new Date());
    },
  });

  /** A referral filed by Seraing's zone under the key; answers its id. */
  async function fileSeraing(key: string): Promise<string> {
    const filed = await call(
      service,
      "POST",
      "/v1/referrals",
      await tokens.police("zone-5277"),
      seraingReferral(),
      {
        "idempotency-key": key,
      },
    );
    expect(filed.status).toBe(201);
    return filed.body.id as string;
  }

  it("records the other team's and another zone's refusals for the coordinator", async () => {
    const id = await fileSeraing("denied-1");

    const strangers = await tokens.caseworker(["some-other-team"], "worker-elsewhere");
    expect((await call(service, "GET", `/v1/referrals/${id}`, strangers)).status).toBe(404);
    const otherZone = await tokens.police("zone-5300");
    expect((await call(service, "GET", `/v1/referrals/${id}/status`, otherZone)).status).toBe(404);
    expect((await call(service, "GET", `/v1/referrals/${id}`, otherZone)).status).toBe(403);

    const coordinator = await tokens.coordinator();
    const audit = await call(service, "GET", "/v1/audit?outcome=denied", coordinator);
    expect(audit.status).toBe(200);
    const seen = (audit.body.items as Array<Record<string, unknown>>).map((e) => ({
      sub: (e.actor as { sub: string }).sub,
      route: e.route,
      status: e.status,
      recordId: e.recordId,
    }));
    expect(seen).toEqual([
      { sub: "zone-5300", route: "GET /v1/referrals/:id", status: 403, recordId: id },
      { sub: "zone-5300", route: "GET /v1/referrals/:id/status", status: 404, recordId: id },
      { sub: "worker-elsewhere", route: "GET /v1/referrals/:id", status: 404, recordId: id },
    ]);
    // Caseworkers do not read the trail.
    expect((await call(service, "GET", "/v1/audit", strangers)).status).toBe(403);
  });

  it("refuses a former member of staff's stale tokens on every referral route, and traces them", async () => {
    const id = await fileSeraing("denied-2");
    const stale = {
      ...(await staleTokens({ org: ORG, role: "coordinator", sub: "left-in-june" })),
      expired: await expiredToken({ org: ORG, role: "coordinator", sub: "left-in-june" }),
    };
    for (const [kind, token] of Object.entries(stale)) {
      for (const path of [`/v1/referrals/${id}`, "/v1/callbacks", "/v1/audit"]) {
        expect((await call(service, "GET", path, token)).status, `${kind} ${path}`).toBe(401);
      }
    }
    const audit = await call(
      service,
      "GET",
      "/v1/audit?outcome=denied&limit=200",
      await tokens.coordinator(),
    );
    const mine = (
      audit.body.items as Array<{ actor: { sub: string }; status: number; route: string }>
    ).filter((e) => e.actor.sub === "left-in-june");
    expect(mine).toHaveLength(4 * 3);
    expect(new Set(mine.map((e) => e.status))).toEqual(new Set([401]));
    expect(new Set(mine.map((e) => e.route))).toEqual(
      new Set(["GET /v1/referrals/:id", "GET /v1/callbacks", "GET /v1/audit"]),
    );
  });

  it("answers with nosniff and no-store", async () => {
    const answer = await service.app.request("/v1/routes", {
      headers: { authorization: `Bearer ${await tokens.coordinator()}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
