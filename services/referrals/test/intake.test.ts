import type { z } from "@hono/zod-openapi";
import { CallbackDue, CallbackOpened, ReferralReceived, ReferralStatusChanged } from "@relais/contracts";
import { mintToken, useService } from "@relais/testing";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callbackTasks, outbox, persons, referrals } from "../src/db/schema.js";
import { seraingReferral } from "./fixtures.js";
import { referral, startReferrals } from "./harness.js";

describe("POST /v1/referrals", () => {
  const live = useService((nats) => startReferrals(nats), {
    perTest: true,
  });

  async function post(body: unknown, headers: Record<string, string> = {}) {
    const token = await mintToken({ role: "police", org: "org-liege", sub: "zone-5277" });
    return live.service.app.request("/v1/referrals", {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "idempotency-key": "k-1",
        ...headers,
      },
      body: JSON.stringify(body),
    });
  }

  it("files a referral, says who gets no call-back and why, and publishes referral.received", async () => {
    const response = await post(referral);
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      id: string;
      persons: Array<{ role: string; contactable: boolean; reason: string | null }>;
    };
    expect(body.persons).toEqual([
      expect.objectContaining({ role: "victim", contactable: true, reason: null }),
      expect.objectContaining({ role: "author", contactable: false, reason: "no_consent" }),
    ]);

    const [event] = await live.service.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.subject, ReferralReceived.subject));
    const envelope = ReferralReceived.envelope.parse(JSON.parse(event!.payload));
    expect(envelope.orgId).toBe("org-liege");
    expect(envelope.data.referralId).toBe(body.id);
    // The author did not consent: nothing personal of theirs leaves this live.service, not even sealed.
    const [victim, author] = envelope.data.persons;
    expect(author?.sealed).toBeUndefined();
    expect(event!.payload).not.toContain("32470000002");
    // The victim's contact details are in the event sealed for notifications, and only there.
    expect(event!.payload).not.toContain("32470000001");
    expect(live.service.openAs.notifications.open(victim!.sealed!, ReferralReceived.type)).toEqual({
      contact: { phone: "+32470000001" },
    });
    expect(() => live.service.openAs.groups.open(victim!.sealed!, ReferralReceived.type)).toThrow();

    live.service.relay.start();
    await live.service.relay.drained();
    const jsm = await live.service.bus.manager();
    expect((await jsm.streams.info("REFERRALS")).state.messages).toBeGreaterThanOrEqual(1);
  });

  it("writes only events their contracts accept on receipt (createEvent does not parse them)", async () => {
    const contracts = new Map<string, z.ZodType>(
      [ReferralReceived, CallbackOpened, CallbackDue, ReferralStatusChanged].map((def) => [
        def.subject,
        def.envelope,
      ]),
    );
    const nobody = {
      ...referral,
      persons: referral.persons.map((person) => ({ ...person, consent: false })),
    };
    for (const [key, body] of [referral, seraingReferral(), nobody].entries()) {
      expect((await post(body, { "idempotency-key": `contract-${key}` })).status).toBe(201);
    }
    const rows = await live.service.database.db.select().from(outbox);
    // A task due at filing is announced with it: the persons without a safe window at least (the
    // Seraing victim's window may or may not be open as the test runs, on the system clock).
    const tasks = await live.service.database.db.select().from(callbackTasks);
    const dueAtFiling = tasks.filter((task) => task.dueAt <= task.createdAt);
    expect(dueAtFiling.length).toBeGreaterThanOrEqual(2);
    expect(tasks.map((task) => task.dueNotifiedAt)).toEqual(
      tasks.map((task) => (task.dueAt <= task.createdAt ? task.createdAt : null)),
    );
    // One received each; a task opened for each contactable person (1 + 2 + 0); the referral with
    // nobody to call is closed at once.
    expect(rows.map((row) => row.subject).sort()).toEqual(
      [
        ...Array(3).fill(ReferralReceived.subject),
        ...Array(3).fill(CallbackOpened.subject),
        ...Array(dueAtFiling.length).fill(CallbackDue.subject),
        ReferralStatusChanged.subject,
      ].sort(),
    );
    for (const row of rows) {
      const parsed = contracts.get(row.subject)!.safeParse(JSON.parse(row.payload));
      expect(parsed.error?.issues ?? [], row.subject).toEqual([]);
    }
  });

  it("makes one referral from the same POST sent 20 times concurrently with one Idempotency-Key", async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(referral, { "idempotency-key": "burst" })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const ids = new Set(
      await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)),
    );
    expect(ids.size).toBe(1);
    const [count] = await live.service.database.db.select({ n: sql<number>`count(*)` }).from(referrals);
    expect(Number(count?.n)).toBe(1);
    const [events] = await live.service.database.db
      .select({ n: sql<number>`count(*)` })
      .from(outbox)
      .where(eq(outbox.subject, ReferralReceived.subject));
    expect(Number(events?.n)).toBe(1);
    expect(
      await post({ ...referral, municipality: "Neupré" }, { "idempotency-key": "burst" }),
    ).toHaveProperty("status", 409);
  });

  it("answers bad input with a problem naming the field, and writes nothing", async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...referral, riskLevel: "extreme" }, "riskLevel"],
      [{ ...referral, incidentAt: "yesterday" }, "incidentAt"],
      [{ ...referral, persons: [{ ...referral.persons[0], language: "de" }] }, "persons.0.language"],
      [
        { ...referral, persons: [{ ...referral.persons[0], timeZone: "Mars/Olympus" }] },
        "persons.0.timeZone",
      ],
      [{ ...referral, persons: [] }, "persons"],
      [{ ...referral, extra: "<script>" }, ""],
    ];
    for (const [body, path] of cases) {
      const response = await post(body, { "idempotency-key": `bad-${path}` });
      expect(response.status, path).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await response.json()) as { errors: Array<{ path: string }> };
      if (path) expect(problem.errors.map((e) => e.path)).toContain(path);
    }
    const [count] = await live.service.database.db.select({ n: sql<number>`count(*)` }).from(persons);
    expect(Number(count?.n)).toBe(0);
  });

  it("refuses other roles and missing tokens", async () => {
    const caseworker = await mintToken({ role: "caseworker" });
    const denied = await live.service.app.request("/v1/referrals", {
      method: "POST",
      headers: {
        authorization: `Bearer ${caseworker}`,
        "content-type": "application/json",
        "idempotency-key": "x",
      },
      body: JSON.stringify(referral),
    });
    expect(denied.status).toBe(403);
    const anonymous = await live.service.app.request("/v1/referrals", {
      method: "POST",
      body: JSON.stringify(referral),
    });
    expect(anonymous.status).toBe(401);
  });

  it("shows the filing zone the status and nobody else's referral", async () => {
    const { id } = (await (await post(referral)).json()) as { id: string };
    const own = await mintToken({ role: "police", org: "org-liege", sub: "zone-5277" });
    const status = await live.service.app.request(`/v1/referrals/${id}/status`, {
      headers: { authorization: `Bearer ${own}` },
    });
    expect(status.status).toBe(200);
    expect(await status.json()).toEqual({
      id,
      incidentReference: referral.incidentReference,
      status: "received",
      firstContactAt: null,
      updatedAt: expect.any(String),
      persons: [
        { role: "victim", callback: true, reason: null },
        { role: "author", callback: false, reason: "no_consent" },
      ],
    });

    const otherOrg = await mintToken({ role: "police", org: "org-namur", sub: "zone-5277" });
    const hidden = await live.service.app.request(`/v1/referrals/${id}/status`, {
      headers: { authorization: `Bearer ${otherOrg}` },
    });
    expect(hidden.status).toBe(404);
  });
});
