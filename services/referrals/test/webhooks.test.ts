import { ManualClock, useService } from "@relais/testing";
import { eq } from "drizzle-orm";
import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { policeWebhooks, webhookAttempts, webhookDeliveries } from "../src/db/schema.js";
import { createWebhookSender } from "../src/jobs/webhook-sender.js";
import { seraingReferral, victimName, victimPhone } from "./fixtures.js";
import { call, logger, startReferrals, tokens } from "./harness.js";

const HOOK = "https://police-5277.example/relais/webhook";

// The police zone's records system, as msw plays it: each test queues the answers it wants.
const received: Array<{ headers: Record<string, string>; body: string }> = [];
let answers: Array<() => Promise<Response> | Response> = [];
const policeSystem = setupServer(
  http.post(HOOK, async ({ request }) => {
    received.push({ headers: Object.fromEntries(request.headers), body: await request.text() });
    const answer = answers.shift();
    return answer ? answer() : new HttpResponse(null, { status: 204 });
  }),
);

describe("police webhooks", () => {
  let clock: ManualClock;
  beforeAll(() => policeSystem.listen({ onUnhandledRequest: "error" }));
  afterAll(() => policeSystem.close());
  const live = useService(
    (nats) => {
      // Real time, moved by hand: the independent verifier checks the timestamp against now.
      clock = new ManualClock(new Date());
      return startReferrals(nats, { clock });
    },
    {
      perTest: true,
      started: () => {
        received.length = 0;
        answers = [];
      },
    },
  );

  async function register(zone = "zone-5277") {
    const res = await call(
      live.service,
      "PUT",
      `/v1/police-zones/${zone}/webhook`,
      await tokens.coordinator(),
      {
        url: HOOK,
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.secret).toMatch(/^whsec_/);
    return res.body.secret as string;
  }
  async function fileClosedReferral(key: string) {
    // Nobody consents: the referral closes at once, which the zone is told about.
    const body = seraingReferral();
    body.persons = body.persons.map((p) => ({ ...p, consent: false })) as never;
    const res = await call(live.service, "POST", "/v1/referrals", await tokens.police(), body, {
      "idempotency-key": key,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  // The zone's name resolves to a public address, as the real one would; no DNS in the test.
  const publicName = async () => [{ address: "193.191.245.10" }];
  const sender = (timeoutMs = 2_000, lookup = publicName) =>
    createWebhookSender({
      database: live.service.database,
      clock,
      box: live.service.box,
      logger,
      timeoutMs,
      lookup,
    });

  it("signs in the Standard Webhooks form, retries a 500 with backoff and logs every attempt", async () => {
    const secret = await register();
    const id = await fileClosedReferral("w1");
    answers = [() => new HttpResponse("boom", { status: 500 })];
    const loop = sender();
    expect(await loop.tick()).toBe(1);
    expect(await loop.tick()).toBe(0); // backing off
    clock.advance({ seconds: 6 });
    expect(await loop.tick()).toBe(1);
    expect(received).toHaveLength(2);

    const [delivery] = await live.service.database.db.select().from(webhookDeliveries);
    expect(delivery).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 204 });
    const log = await live.service.database.db
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, delivery!.id));
    expect(log.map((a) => a.statusCode).sort()).toEqual([204, 500]);

    // An independent implementation of the scheme accepts the signature…
    const last = received[1]!;
    const payload = new Webhook(secret).verify(last.body, last.headers) as { data: Record<string, unknown> };
    expect(payload.data).toMatchObject({ referralId: id, status: "closed", previousStatus: "received" });
    expect(last.headers["webhook-id"]).toBe(delivery!.id);
    expect(last.headers["webhook-signature"]).toMatch(/^v1,/);
    // …and rejects a tampered body or a wrong secret.
    expect(() =>
      new Webhook(secret).verify(last.body.replace("closed", "in_support"), last.headers),
    ).toThrow();
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(last.body, last.headers),
    ).toThrow();
    // The police system never receives names or phone numbers.
    expect(last.body).not.toContain(victimName);
    expect(last.body).not.toContain(victimPhone);
  });

  it("retries a timeout", async () => {
    await register();
    await fileClosedReferral("w2");
    answers = [
      async () => {
        await delay(1_000);
        return new HttpResponse(null, { status: 200 });
      },
    ];
    const loop = sender(100);
    await loop.tick();
    const [pending] = await live.service.database.db.select().from(webhookDeliveries);
    expect(pending).toMatchObject({ status: "pending", lastError: "timeout", attempts: 1 });
    clock.advance({ seconds: 6 });
    await loop.tick();
    const [delivered] = await live.service.database.db.select().from(webhookDeliveries);
    expect(delivered).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("stops on 410 Gone and disables the zone's webhook", async () => {
    await register();
    await fileClosedReferral("w3");
    answers = [() => new HttpResponse(null, { status: 410 })];
    const loop = sender();
    await loop.tick();
    clock.advance({ hours: 1 });
    expect(await loop.tick()).toBe(0);
    expect(received).toHaveLength(1);
    const [delivery] = await live.service.database.db.select().from(webhookDeliveries);
    expect(delivery).toMatchObject({ status: "gone", attempts: 1, lastStatusCode: 410 });
    const [hook] = await live.service.database.db.select().from(policeWebhooks);
    expect(hook).toMatchObject({ enabled: false });
    // Later changes are not queued for a retired endpoint.
    await fileClosedReferral("w4");
    expect(await live.service.database.db.select().from(webhookDeliveries)).toHaveLength(1);
  });

  it("validates registrations and lets coordinators only", async () => {
    const path = "/v1/police-zones/zone-5277/webhook";
    expect(
      (await call(live.service, "PUT", path, await tokens.coordinator(), { url: "not a url" })).body.errors[0]
        .path,
    ).toBe("url");
    expect(
      (await call(live.service, "PUT", path, await tokens.coordinator(), { url: "ftp://x.example/h" }))
        .status,
    ).toBe(400);
    const badSecret = await call(live.service, "PUT", path, await tokens.coordinator(), {
      url: HOOK,
      secret: "plain",
    });
    expect([badSecret.status, badSecret.body.code]).toEqual([409, "invalid_secret"]);
    const own = await call(live.service, "PUT", path, await tokens.coordinator(), {
      url: HOOK,
      secret: `whsec_${Buffer.alloc(32, 7).toString("base64")}`,
    });
    expect(own.status).toBe(200);
    expect(own.body.secret).toBeUndefined();
    for (const token of [
      await tokens.police(),
      await tokens.caseworker(["t"]),
      await tokens.other("facilitator"),
    ]) {
      expect((await call(live.service, "PUT", path, token, { url: HOOK })).status).toBe(403);
    }
    expect((await call(live.service, "PUT", path, null, { url: HOOK })).status).toBe(401);
  });

  it("refuses a target inside the network, and never tells what a private host answered", async () => {
    const path = "/v1/police-zones/zone-5277/webhook";
    const coordinator = await tokens.coordinator();
    for (const url of [
      "http://police-5277.example/relais",
      "https://127.0.0.1:8222/varz",
      "https://169.254.169.254/latest/meta-data",
      "https://[::ffff:10.0.0.8]/hook",
      "https://localhost:3002/v1",
    ]) {
      const refused = await call(live.service, "PUT", path, coordinator, { url });
      expect([refused.status, refused.body.errors?.[0]], url).toEqual([
        400,
        expect.objectContaining({ path: "url", code: "public_https" }),
      ]);
    }
    expect(await live.service.database.db.select().from(policeWebhooks)).toEqual([]);

    // A public name, later pointed inside the network: the delivery is refused before any request
    // (msw would fail the test on one) and fails at once, saying only that it was refused.
    await register();
    await fileClosedReferral("w-private");
    const loop = sender(2_000, async () => [{ address: "10.20.0.7" }]);
    expect(await loop.tick()).toBe(1);
    expect(received).toEqual([]);
    const [delivery] = await live.service.database.db.select().from(webhookDeliveries);
    expect(delivery).toMatchObject({ status: "failed", lastStatusCode: null });
    expect(delivery!.lastError).toMatch(/^refused: /);
    const attempts = await call(live.service, "GET", "/v1/police-zones/zone-5277/deliveries", coordinator);
    expect(attempts.status).toBe(200);
    expect(JSON.stringify(attempts.body)).toContain("refused: ");
    expect(JSON.stringify(attempts.body)).not.toMatch(/10\.20\.0\.7/);
  });
});
