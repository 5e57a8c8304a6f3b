import { authHeader, ManualClock, mintToken, type NatsProcess, startNats } from "@relais/testing";
import { eq } from "drizzle-orm";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { httpSmsGateway } from "../src/adapters/sms-gateway.js";
import { messages, outbox } from "../src/db/schema.js";
import { enrolled, ORG, weeklySeries } from "./fixtures.js";
import { startNotifications } from "./harness.js";

const GATEWAY = "https://sms-gateway.test/v1/messages";
const gateway = setupServer();
const evenings = [{ days: [1, 2, 3, 4, 5], from: "18:00", to: "20:00" }];
const smsGateway = () => httpSmsGateway({ url: GATEWAY, key: "gateway-key", timeoutMs: 2_000 });
/** A person reached by SMS alone, discreetly, within `safeWindows` (in Brussels). */
const smsOnly = (personRef: string, phone: string, safeWindows: typeof evenings) => ({
  personRef,
  phone,
  channels: ["sms" as const],
  safeWindows,
  discreet: true,
});

describe("SMS gateway and delivery log", () => {
  let nats: NatsProcess;
  beforeAll(async () => {
    gateway.listen({ onUnhandledRequest: "bypass" });
    nats = await startNats();
  });
  afterEach(() => gateway.resetHandlers());
  afterAll(async () => {
    gateway.close();
    await nats.stop();
  });

  it("holds an SMS outside the safe window, retries a 5xx, records a 4xx as failed, and lets a coordinator retry", async () => {
    // Monday 2 March 2026, 13:00 in Brussels: outside the 18:00–20:00 window.
    const clock = new ManualClock("2026-03-02T12:00:00Z");
    const service = await startNotifications(nats, {
      clock,
      sms: smsGateway(),
      retryBaseMs: 60_000,
    });
    const received: Array<{ auth: string | null; body: { to: string; text: string; reference: string } }> =
      [];
    const answers: number[] = [503, 200, 400];
    gateway.use(
      http.post(GATEWAY, async ({ request }) => {
        const body = (await request.json()) as { to: string; text: string; reference: string };
        received.push({ auth: request.headers.get("authorization"), body });
        const status = answers.shift() ?? 200;
        return status === 200
          ? HttpResponse.json({ id: `gw-${received.length}` })
          : new HttpResponse(null, { status });
      }),
    );
    try {
      const series = weeklySeries({ groupId: "grp-sms", firstLocal: "2026-03-10T18:00:00" });
      await service.publish(enrolled(series, smsOnly("prs_smsperson1", "+32470000001", evenings)));
      await service.deliver();
      const [held] = await service.database.db.select().from(messages);
      expect(held).toMatchObject({
        channel: "sms",
        status: "queued",
        reason: "waiting_for_safe_window",
        attempts: 0,
      });
      expect(held?.nextAttemptAt).toBe("2026-03-02T17:00:00.000Z");
      expect(received).toHaveLength(0);

      clock.set("2026-03-02T17:05:00Z");
      await service.deliver();
      expect(received).toHaveLength(1);
      const [retrying] = await service.database.db.select().from(messages);
      expect(retrying).toMatchObject({ status: "queued", attempts: 1, reason: "sms gateway answered 503" });

      clock.advance({ minutes: 2 });
      await service.deliver();
      const [sent] = await service.database.db.select().from(messages);
      expect(sent).toMatchObject({ status: "sent", attempts: 2, providerId: "gw-2" });
      expect(received[1]?.auth).toBe("Bearer gateway-key");
      expect(received[1]?.body.to).toBe("+32470000001");
      expect(received[1]?.body.text).toBe("Rendez-vous confirmé : mardi 10 mars 2026, 18:00.");

      await service.publish(enrolled(series, smsOnly("prs_smsperson2", "+32470000002", evenings)));
      await service.deliver();
      const failed = (
        await service.database.db.select().from(messages).where(eq(messages.personRef, "prs_smsperson2"))
      )[0]!;
      expect(failed).toMatchObject({ status: "failed", attempts: 1, reason: "sms gateway answered 400" });
      const events = (await service.database.db.select().from(outbox)).map((row) => row.subject);
      expect(events.sort()).toEqual(["notifications.message.failed", "notifications.message.sent"]);

      // The delivery log, as a coordinator sees it.
      const coordinator = authHeader(await mintToken({ role: "coordinator", org: ORG }));
      const list = await service.app.request("/v1/messages?status=failed", { headers: coordinator });
      expect(list.status).toBe(200);
      const page = (await list.json()) as { items: Array<{ id: string; reason: string }> };
      expect(page.items.map((m) => m.id)).toEqual([failed.id]);
      // By template, as the console's delivery log filters it.
      const byTemplate = async (query: string) =>
        (
          (await (await service.app.request(`/v1/messages?${query}`, { headers: coordinator })).json()) as {
            items: Array<{ id: string }>;
          }
        ).items.length;
      expect(await byTemplate("template=enrolment_confirmed")).toBe(2);
      expect(await byTemplate("template=enrolment_confirmed&status=failed")).toBe(1);
      expect(await byTemplate("template=session_reminder")).toBe(0);
      const detail = await service.app.request(`/v1/messages/${failed.id}`, { headers: coordinator });
      expect(await detail.json()).toMatchObject({
        recipient: "+32470000002",
        status: "failed",
        template: "enrolment_confirmed",
      });

      const retry = await service.app.request(`/v1/messages/${failed.id}/retry`, {
        method: "POST",
        headers: coordinator,
      });
      expect(retry.status).toBe(202);
      expect(await retry.json()).toMatchObject({ status: "queued", attempts: 0 });
      expect(
        (
          await service.app.request(`/v1/messages/${failed.id}/retry`, {
            method: "POST",
            headers: coordinator,
          })
        ).status,
      ).toBe(409);
      await service.deliver();
      const [resent] = await service.database.db.select().from(messages).where(eq(messages.id, failed.id));
      expect(resent).toMatchObject({ status: "sent", providerId: "gw-4" });
    } finally {
      await service.stop();
    }
  });

  it("sends an SMS at 23:30 Brussels inside a 22:00–02:00 window, and holds one at 21:00 until 22:00", async () => {
    // The scenario of issue 10: referrals schedules the call-back at 23:30 in this window, so
    // notifications must agree the moment is safe (it used to drop windows past midnight).
    const nightly = [{ days: [1, 2, 3, 4, 5, 6, 7], from: "22:00", to: "02:00" }];
    const clock = new ManualClock("2026-03-02T22:30:00Z"); // Monday 23:30 in Brussels
    const service = await startNotifications(nats, {
      clock,
      sms: smsGateway(),
    });
    const received: string[] = [];
    gateway.use(
      http.post(GATEWAY, async ({ request }) => {
        received.push(((await request.json()) as { to: string }).to);
        return HttpResponse.json({ id: `gw-${received.length}` });
      }),
    );
    try {
      const series = weeklySeries({ groupId: "grp-night", firstLocal: "2026-03-10T18:00:00" });
      await service.publish(enrolled(series, smsOnly("prs_nightowl1", "+32470000011", nightly)));
      await service.deliver();
      const [late] = await service.database.db.select().from(messages);
      expect(late).toMatchObject({ status: "sent", attempts: 1 });
      expect(received).toEqual(["+32470000011"]);

      clock.set("2026-03-03T20:00:00Z"); // Tuesday 21:00 in Brussels, before the window
      await service.publish(enrolled(series, smsOnly("prs_nightowl2", "+32470000012", nightly)));
      await service.deliver();
      const held = (
        await service.database.db.select().from(messages).where(eq(messages.personRef, "prs_nightowl2"))
      )[0]!;
      expect(held).toMatchObject({ status: "queued", reason: "waiting_for_safe_window" });
      expect(held.nextAttemptAt).toBe("2026-03-03T21:00:00.000Z");
    } finally {
      await service.stop();
    }
  });

  it("answers only coordinators of the message's organisation, and names bad input", async () => {
    const service = await startNotifications(nats);
    try {
      const bearer = async (
        role: "coordinator" | "caseworker" | "facilitator" | "police" | "programme_staff",
        org = ORG,
      ) => authHeader(await mintToken({ role, org }));
      const id = "01900000-0000-7000-8000-000000000000";
      for (const [method, path] of [
        ["GET", "/v1/messages"],
        ["GET", `/v1/messages/${id}`],
        ["POST", `/v1/messages/${id}/retry`],
      ] as const) {
        expect((await service.app.request(path, { method })).status).toBe(401);
        for (const role of ["caseworker", "facilitator", "police", "programme_staff"] as const) {
          expect((await service.app.request(path, { method, headers: await bearer(role) })).status).toBe(403);
        }
      }
      const coordinator = await bearer("coordinator");
      expect((await service.app.request(`/v1/messages/${id}`, { headers: coordinator })).status).toBe(404);
      expect(
        (await service.app.request(`/v1/messages/${id}/retry`, { method: "POST", headers: coordinator }))
          .status,
      ).toBe(404);

      const bad = await service.app.request("/v1/messages/not-an-id", { headers: coordinator });
      expect(bad.status).toBe(400);
      expect(bad.headers.get("content-type")).toContain("application/problem+json");
      expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe("id");
      for (const [query, field] of [
        ["limit=0", "limit"],
        ["status=lost", "status"],
        ["channel=pigeon", "channel"],
        ["template=Not%20A%20Template", "template"],
        ["cursor=%%%", "cursor"],
      ] as const) {
        const response = await service.app.request(`/v1/messages?${query}`, { headers: coordinator });
        expect(response.status, query).toBe(400);
        expect(((await response.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe(field);
      }
    } finally {
      await service.stop();
    }
  });
});
