// Routes the console's screens need: the zone's feedback list, municipality suggestions, the
// queue's safe-window answers and releasing a claim.
import { mintToken } from "@relais/testing";
import { describe, expect, it } from "vitest";
import { victimName, victimPhone } from "./fixtures.js";
import { call, fileReferral, tokens, useSeededReferrals } from "./harness.js";

const VICTIMS = "vif-ment-fini-victims";

describe("routes for the console", () => {
  // Friday 20 November 2026, 22:00 in Brussels: the victim's weekday-morning window is shut.
  const world = useSeededReferrals("2026-11-20T21:00:00Z");
  const file = (zone?: string, body?: unknown) => fileReferral(world.service, body, zone);

  it("lists a police zone's own referrals with status and first contact only, newest first, in pages", async () => {
    const first = await file();
    world.clock.advance({ minutes: 1 });
    const second = await file();
    await file("zone-5300");
    const page = await call(world.service, "GET", "/v1/referrals?limit=1", await tokens.police());
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([
      {
        id: second.id,
        incidentReference: "LI.55.L1.000777/26",
        status: "received",
        firstContactAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    ]);
    const next = await call(
      world.service,
      "GET",
      `/v1/referrals?limit=1&cursor=${page.body.nextCursor}`,
      await tokens.police(),
    );
    expect(next.body.items.map((r: { id: string }) => r.id)).toEqual([first.id]);
    expect(next.body.nextCursor).toBeNull();
    expect(page.text).not.toContain(victimName);
    expect(page.text).not.toContain(victimPhone);
    // Another organisation's police with the same zone sees nothing of it.
    const stranger = await mintToken({ role: "police", org: "org-other", sub: "zone-5277" });
    expect((await call(world.service, "GET", "/v1/referrals", stranger)).body.items).toEqual([]);
    expect((await call(world.service, "GET", "/v1/referrals", await tokens.coordinator())).status).toBe(403);
  });

  it("suggests municipality names from the routing table, accent-insensitively", async () => {
    const res = await call(world.service, "GET", "/v1/municipalities?q=lie", await tokens.police());
    expect(res.status).toBe(200);
    expect(res.body.items).toContain("Liège");
    expect(res.body.items.every((m: string) => /^li[eè]/i.test(m))).toBe(true);
    expect(res.text).not.toContain("victims");
    expect(
      (await call(world.service, "GET", "/v1/municipalities", await tokens.caseworker([VICTIMS]))).status,
    ).toBe(403);
  });

  it("tells the queue whether the safe window is open now and when it opens next", async () => {
    await file();
    const items = (await call(world.service, "GET", "/v1/callbacks", await tokens.coordinator())).body.items;
    const victim = items.find((t: { role: string }) => t.role === "victim");
    const author = items.find((t: { role: string }) => t.role === "author");
    // Weekdays 09:00-12:00 Brussels: next opening Monday 09:00 (08:00 UTC).
    expect(victim).toMatchObject({
      windowOpenNow: false,
      windowOpensAt: "2026-11-23T08:00:00.000Z",
      timeZone: "Europe/Brussels",
    });
    expect(author).toMatchObject({ windowOpenNow: true, windowOpensAt: null });
    expect(JSON.stringify(items)).not.toContain("09:00");
  });

  it("lets the holder, and only the holder, release a claim", async () => {
    await file();
    const worker = await tokens.caseworker([VICTIMS], "worker-v");
    const colleague = await tokens.caseworker([VICTIMS], "worker-w");
    const [task] = (await call(world.service, "GET", "/v1/callbacks", worker)).body.items;
    expect((await call(world.service, "POST", `/v1/callbacks/${task.id}/claim`, worker)).status).toBe(200);
    const refused = await call(world.service, "POST", `/v1/callbacks/${task.id}/release`, colleague);
    expect(refused).toMatchObject({ status: 409, body: { code: "not_claimed" } });
    const released = await call(world.service, "POST", `/v1/callbacks/${task.id}/release`, worker);
    expect(released.status).toBe(200);
    expect(released.body.claimedBy).toBeNull();
    expect((await call(world.service, "POST", `/v1/callbacks/${task.id}/claim`, colleague)).status).toBe(200);
    const author = await tokens.caseworker(["vif-ment-fini-authors"], "worker-a");
    expect((await call(world.service, "POST", `/v1/callbacks/${task.id}/release`, author)).status).toBe(404);
  });
});
