// The coordinator's routes (issue 14): SLA overview, escalations, the coordinators' queue and
// assigning its tasks, look-up by incident reference, police zones' delivery log and test
// deliveries, retention counts. Each as the coordinator, and as the people who must not: another
// organisation's coordinator, a caseworker, the police — with the other party's real ids.
import { CallbackOpened } from "@relais/contracts";
import { type ManualClock, mintToken } from "@relais/testing";
import { eq } from "drizzle-orm";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRoutingSeed } from "../src/db/load-routing-seed.js";
import { outbox } from "../src/db/schema.js";
import { purgeExpired } from "../src/jobs/retention.js";
import { createWebhookSender } from "../src/jobs/webhook-sender.js";
import { seraingReferral, victimName, victimPhone } from "./fixtures.js";
import { call, fileReferral, logger, ORG, type Service, tokens, useSeededReferrals } from "./harness.js";

const VICTIMS = "vif-ment-fini-victims";
const AUTHORS = "vif-ment-fini-authors";
const HOOK = "https://police-5277.example/relais/hook";
const received: Array<{ headers: Record<string, string>; body: string }> = [];
const policeSystem = setupServer(
  http.post(HOOK, async ({ request }) => {
    received.push({ headers: Object.fromEntries(request.headers), body: await request.text() });
    return new HttpResponse(null, { status: 204 });
  }),
);

const otherCoordinator = () => mintToken({ role: "coordinator", org: "org-other", sub: "coord-other" });

describe("the coordinator's routes", () => {
  let service: Service;
  let clock: ManualClock;
  beforeAll(() => policeSystem.listen({ onUnhandledRequest: "error" }));
  afterAll(() => policeSystem.close());
  // Friday 20 November 2026, 22:00 in Brussels: the victim's weekday-morning window is shut.
  useSeededReferrals("2026-11-20T21:00:00Z", async (world) => {
    ({ service, clock } = world);
    await loadRoutingSeed(service.database, "org-other", clock.now());
    received.length = 0;
  });
  const file = (body?: unknown) => fileReferral(service, body);
  async function tasksOf(referralId: string) {
    const queue = await call(service, "GET", "/v1/callbacks?limit=100", await tokens.coordinator());
    return (queue.body.items as Array<{ id: string; referralId: string; role: string; team: string }>).filter(
      (t) => t.referralId === referralId,
    );
  }
  async function refusedToOthers(method: string, path: string, body?: unknown) {
    expect((await call(service, method, path, await tokens.caseworker([VICTIMS]), body)).status).toBe(403);
    expect((await call(service, method, path, await tokens.police(), body)).status).toBe(403);
  }

  it("shows each team's open tasks and the time to first contact per risk level against the SLA", async () => {
    const { id } = await file();
    // 5 h later the author (callable at any time, high risk: 4 h) is overdue; the victim's task
    // waits for Monday's window.
    clock.advance({ hours: 5 });
    const overview = await call(service, "GET", "/v1/oversight/sla", await tokens.coordinator());
    expect(overview.status).toBe(200);
    expect(overview.body.teams).toEqual([
      { team: AUTHORS, open: 1, dueNow: 0, dueSoon: 0, overdue: 1 },
      { team: VICTIMS, open: 1, dueNow: 0, dueSoon: 0, overdue: 0 },
    ]);
    expect(overview.body.risks[0]).toMatchObject({
      riskLevel: "high",
      slaHours: 4,
      tasks: 2,
      reached: 0,
      breached: 1,
    });

    const escalations = await call(service, "GET", "/v1/oversight/escalations", await tokens.coordinator());
    expect(escalations.body.items).toMatchObject([
      { team: AUTHORS, kind: "overdue", referralId: id, attempts: 0, overdueAlertAt: null },
    ]);

    // The author is reached 5 h after filing, the victim on Monday at 09:30 (1 h inside her deadline
    // of 12:00... filed Friday 22:00, so 59.5 h later).
    /** The `role`'s task, claimed by `worker` with a phone call logged as reached; returns the task. */
    const reach = async (role: string, worker: string, key: string) => {
      const task = (await tasksOf(id)).find((t) => t.role === role)!;
      expect((await call(service, "POST", `/v1/callbacks/${task.id}/claim`, worker)).status).toBe(200);
      const attempt = { outcome: "reached", channel: "phone" };
      const logged = await call(service, "POST", `/v1/callbacks/${task.id}/attempts`, worker, attempt, {
        "idempotency-key": key,
      });
      expect(logged.status).toBe(201);
      return task;
    };
    const author = await reach("author", await tokens.caseworker([AUTHORS], "jan"), "a-1");
    clock.set("2026-11-23T08:30:00Z");
    await reach("victim", await tokens.caseworker([VICTIMS], "camille"), "a-2");

    const after = await call(service, "GET", "/v1/oversight/sla", await tokens.coordinator());
    expect(after.body.risks[0]).toEqual({
      riskLevel: "high",
      slaHours: 4,
      tasks: 2,
      reached: 2,
      medianMinutes: 300,
      p90Minutes: 59.5 * 60,
      withinSla: 1,
      breached: 1,
    });
    // A period that ends before the filing counts nothing.
    const before = await call(
      service,
      "GET",
      "/v1/oversight/sla?from=2026-11-01T00:00:00Z&to=2026-11-20T00:00:00Z",
      await tokens.coordinator(),
    );
    expect(before.body.risks[0]).toMatchObject({ tasks: 0, medianMinutes: null });
    const late = await call(service, "GET", "/v1/oversight/escalations", await tokens.coordinator());
    expect(late.body.items).toMatchObject([{ id: author.id, kind: "breached", attempts: 1 }]);
    expect(late.text + after.text).not.toContain(victimName);

    // Another organisation sees nothing of it; caseworkers and police may not ask.
    const other = await call(service, "GET", "/v1/oversight/sla", await otherCoordinator());
    expect(other.body.teams).toEqual([]);
    expect(other.body.risks[0].tasks).toBe(0);
    expect(
      (await call(service, "GET", "/v1/oversight/escalations", await otherCoordinator())).body.items,
    ).toEqual([]);
    await refusedToOthers("GET", "/v1/oversight/sla");
    await refusedToOthers("GET", "/v1/oversight/escalations");
    const bad = await call(service, "GET", "/v1/oversight/sla?from=yesterday", await tokens.coordinator());
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("from");
  });

  it("lists the coordinators' queue with the municipality and assigns a task to a team, which then sees it", async () => {
    const { id } = await file(seraingReferral({ municipality: "Arlon" }));
    const queue = await call(service, "GET", "/v1/oversight/unrouted", await tokens.coordinator());
    expect(queue.body.items).toHaveLength(2);
    expect(queue.body.items[0]).toMatchObject({ referralId: id, municipality: "Arlon", riskLevel: "high" });
    expect(queue.text).not.toContain(victimPhone);
    const victimTask = queue.body.items.find((t: { role: string }) => t.role === "victim");

    // Attacks with the real task id: another organisation, a caseworker, the police.
    const assign = (token: string, body: unknown = { team: VICTIMS }) =>
      call(service, "POST", `/v1/callbacks/${victimTask.id}/assign`, token, body);
    expect((await assign(await otherCoordinator())).status).toBe(404);
    expect((await assign(await tokens.caseworker([VICTIMS]))).status).toBe(403);
    expect((await assign(await tokens.police())).status).toBe(403);
    expect(
      (await call(service, "GET", "/v1/oversight/unrouted", await otherCoordinator())).body.items,
    ).toEqual([]);
    await refusedToOthers("GET", "/v1/oversight/unrouted");
    const reserved = await assign(await tokens.coordinator(), { team: "coordination" });
    expect(reserved.status).toBe(409);
    expect(reserved.body.errors[0].path).toBe("team");
    const malformed = await assign(await tokens.coordinator(), { team: "Not A Team" });
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain("team");

    const done = await assign(await tokens.coordinator());
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ id: victimTask.id, team: VICTIMS, routed: true });
    expect((await assign(await tokens.coordinator())).status).toBe(409);
    // Notifications learns the new team in the same transaction: the task is announced opened by it,
    // at the moment of the assignment (the opening at filing still names the coordinators' queue).
    const opened = (
      await service.database.db.select().from(outbox).where(eq(outbox.subject, CallbackOpened.subject))
    )
      .map((row) => JSON.parse(row.payload))
      .filter((event) => event.data.taskId === victimTask.id);
    expect(opened.map((event) => event.data.team)).toEqual(["coordination", VICTIMS]);
    expect(opened[1]).toMatchObject({
      orgId: ORG,
      correlationId: expect.any(String),
      data: { personRef: opened[0].data.personRef, role: "victim", openedAt: clock.now().toISOString() },
    });
    const mine = await call(service, "GET", "/v1/callbacks", await tokens.caseworker([VICTIMS]));
    expect(mine.body.items.map((t: { id: string }) => t.id)).toEqual([victimTask.id]);
    const left = await call(service, "GET", "/v1/oversight/unrouted", await tokens.coordinator());
    expect(left.body.items.map((t: { role: string }) => t.role)).toEqual(["author"]);
    const audit = await call(
      service,
      "GET",
      `/v1/audit?recordId=${victimTask.id}`,
      await tokens.coordinator(),
    );
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain("callback.assign");
  });

  it("looks a referral up by incident reference for coordinators only, and audits every look-up", async () => {
    const { id } = await file();
    const lookup = (token: string, incidentReference = "li.55.l1.000777/26") =>
      call(service, "POST", "/v1/referrals/lookup", token, { incidentReference });
    const found = await lookup(await tokens.coordinator());
    expect(found.status).toBe(200);
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0]).toMatchObject({
      id,
      municipality: "Seraing",
      status: "received",
      persons: [
        { role: "victim", task: { team: VICTIMS, status: "open" } },
        { role: "author", task: { team: AUTHORS, status: "open" } },
      ],
    });
    expect(found.text).not.toContain(victimName);
    expect(found.text).not.toContain(victimPhone);

    // Another organisation with the same reference finds nothing; its look-up is in its own trail.
    expect((await lookup(await otherCoordinator(), "LI.55.L1.000777/26")).body.items).toEqual([]);
    await refusedToOthers("POST", "/v1/referrals/lookup", { incidentReference: "LI.55.L1.000777/26" });
    const empty = await call(service, "POST", "/v1/referrals/lookup", await tokens.coordinator(), {});
    expect(empty.status).toBe(400);
    expect(empty.text).toContain("incidentReference");

    const trail = await call(
      service,
      "GET",
      `/v1/audit?recordId=${id}&actor=coord-1`,
      await tokens.coordinator(),
    );
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(["referral.lookup"]);
    const theirs = await call(service, "GET", "/v1/audit?actor=coord-other", await tokens.coordinator());
    expect(theirs.body.items).toEqual([]);
    const own = await call(service, "GET", "/v1/audit?actor=coord-other", await otherCoordinator());
    expect(own.body.items).toMatchObject([{ action: "referral.lookup", recordId: "-" }]);
  });

  it("lists police zones, sends a signed test delivery and shows the zone's delivery log", async () => {
    const put = await call(service, "PUT", "/v1/police-zones/zone-5277/webhook", await tokens.coordinator(), {
      url: HOOK,
    });
    const secret = put.body.secret as string;
    // A referral nobody consented to closes at once: a status delivery for the zone.
    const body = seraingReferral();
    body.persons = body.persons.map((p) => ({ ...p, consent: false })) as never;
    const { id } = await file(body);

    const zones = await call(service, "GET", "/v1/police-zones", await tokens.coordinator());
    expect(zones.body.items).toEqual([
      {
        zone: "zone-5277",
        webhook: { url: HOOK, enabled: true, disabledReason: null, updatedAt: expect.any(String) },
      },
    ]);
    const test = await call(
      service,
      "POST",
      "/v1/police-zones/zone-5277/webhook/test",
      await tokens.coordinator(),
    );
    expect(test.status).toBe(202);
    // Attacks: another organisation's coordinator on this zone, a caseworker, this zone's police.
    expect(
      (await call(service, "POST", "/v1/police-zones/zone-5277/webhook/test", await otherCoordinator()))
        .status,
    ).toBe(404);
    await refusedToOthers("POST", "/v1/police-zones/zone-5277/webhook/test");
    await refusedToOthers("GET", "/v1/police-zones/zone-5277/deliveries");
    await refusedToOthers("GET", "/v1/police-zones");
    expect(
      (await call(service, "POST", "/v1/police-zones/zone-9999/webhook/test", await tokens.coordinator()))
        .status,
    ).toBe(404);
    // A zone without a webhook has no delivery log to show: 404, not an empty list for any string.
    expect(
      (await call(service, "GET", "/v1/police-zones/zone-9999/deliveries", await tokens.coordinator()))
        .status,
    ).toBe(404);

    const sender = createWebhookSender({ database: service.database, clock, box: service.box, logger });
    clock.set(new Date());
    expect(await sender.tick()).toBe(2);
    const testDelivery = received.find((r) => r.body.includes("webhook.test"))!;
    expect(JSON.parse(testDelivery.body)).toMatchObject({
      type: "webhook.test",
      data: { zone: "zone-5277" },
    });
    new Webhook(secret).verify(testDelivery.body, testDelivery.headers);

    const log = await call(
      service,
      "GET",
      "/v1/police-zones/zone-5277/deliveries",
      await tokens.coordinator(),
    );
    expect(log.body.items).toHaveLength(2);
    expect(log.body.items.find((d: { kind: string }) => d.kind === "test")).toMatchObject({
      id: test.body.id,
      referralId: null,
      status: "delivered",
      attempts: [{ statusCode: 204, error: null }],
      nextAttemptAt: null,
    });
    expect(log.body.items.find((d: { kind: string }) => d.kind === "status")).toMatchObject({
      referralId: id,
    });
    expect(log.text).not.toContain("payload");
    const theirs = await call(
      service,
      "GET",
      "/v1/police-zones/zone-5277/deliveries",
      await otherCoordinator(),
    );
    // Another organisation has no webhook for the zone, so no log of it.
    expect(theirs.status).toBe(404);
    expect((await call(service, "GET", "/v1/police-zones", await otherCoordinator())).body.items).toEqual([]);
  });

  it("counts upcoming and past retention purges by month, nothing more", async () => {
    const body = seraingReferral();
    body.persons = body.persons.map((p) => ({ ...p, consent: false })) as never;
    await file(body);
    const outlook = await call(service, "GET", "/v1/retention", await tokens.coordinator());
    expect(outlook.body).toEqual({
      retentionDays: 365,
      nextPurgeAt: "2027-11-20T21:00:00.000Z",
      upcoming: [{ month: "2027-11", referrals: 1, persons: 2 }],
      purged: [],
    });
    await refusedToOthers("GET", "/v1/retention");
    expect((await call(service, "GET", "/v1/retention", await otherCoordinator())).body.upcoming).toEqual([]);

    clock.advance({ days: 366 });
    expect(await purgeExpired({ database: service.database, clock, retentionDays: 365 })).toBe(1);
    const later = await call(service, "GET", "/v1/retention", await tokens.coordinator());
    expect(later.body.upcoming).toEqual([]);
    expect(later.body.purged).toEqual([{ month: "2027-11", referrals: 1, persons: 2 }]);
    expect(later.text).not.toContain("prs_");
    expect((await call(service, "GET", "/v1/retention", await otherCoordinator())).body.purged).toEqual([]);
  });
});
