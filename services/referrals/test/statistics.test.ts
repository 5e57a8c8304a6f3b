// The evaluation statistics on a data set whose counts are known, filed and worked through the
// real routes on a real libSQL file; another organisation's referrals sit in the same database.
import type { CountTableOut, StatisticsReport } from "@relais/statistics";
import { ManualClock, mintToken, type NatsProcess, startNats } from "@relais/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRoutingSeed } from "../src/db/load-routing-seed.js";
import { call, ORG, type Service, startReferrals, tokens } from "./harness.js";

const OTHER = "org-other";

function referral(options: {
  municipality: string;
  riskLevel: "high" | "medium" | "low";
  victimConsent: boolean;
  authorConsent: boolean;
  reference: string;
}) {
  const person = (role: "victim" | "author", consent: boolean) => ({
    role,
    displayName: `${role} ${options.reference}`,
    consent,
    language: "fr",
    contact: { phone: "+32470111111" },
    // No safe window: a call-back may happen at any time, so the seed can pick its hours.
    preferences: { channels: ["phone"], voicemailAllowed: false },
  });
  return {
    policeZone: "label",
    incidentReference: options.reference,
    incidentAt: "2026-03-01T10:00:00+01:00",
    kind: "partner",
    riskLevel: options.riskLevel,
    childrenPresent: false,
    municipality: options.municipality,
    persons: [person("victim", options.victimConsent), person("author", options.authorConsent)],
  };
}

/** What happens to a referral: filed at `at` by `zone`; a role reached after some hours, with its outcome. */
interface Plan {
  at: string;
  zone: string;
  body: ReturnType<typeof referral>;
  org?: string;
  contacts: { role: "victim" | "author"; hours: number; outcome: Record<string, unknown> }[];
}

const accepted = { outcome: "accepted" };
const declined = { outcome: "declined", declinedBy: "person", reason: "not_interested" };
const elsewhere = { outcome: "referred_elsewhere", to: "CPAS" };

function seedPlans(): Plan[] {
  const plans: Plan[] = [];
  // March 2026: ten in Seraing (zone 5277, high risk), every victim consenting, half the authors.
  // Five victims reached after 1..5 h and accepted, five authors after 2..10 h and declined.
  for (let i = 0; i < 10; i++) {
    const day = String(2 + i * 3).padStart(2, "0");
    plans.push({
      // The last one at 23:30 on 31 March, Brussels summer time (21:30 UTC): still March.
      at: i === 9 ? "2026-03-31T21:30:00Z" : `2026-03-${day}T09:00:00Z`,
      zone: "zone-5277",
      body: referral({
        municipality: "Seraing",
        riskLevel: "high",
        victimConsent: true,
        authorConsent: i < 5,
        reference: `MAR-${i}`,
      }),
      contacts: [
        ...(i < 5 ? [{ role: "victim" as const, hours: i + 1, outcome: accepted }] : []),
        ...(i < 5 ? [{ role: "author" as const, hours: 2 * (i + 1), outcome: declined }] : []),
      ],
    });
  }
  // April 2026: five in Bastogne (no route: the coordinators' queue; zone 5300, medium), the
  // first at 00:30 on 1 April in Brussels (22:30 UTC on 31 March) — April there, March in UTC.
  // Five victims reached after 3 h and referred elsewhere; the authors stay open.
  for (let i = 0; i < 5; i++) {
    plans.push({
      at: i === 0 ? "2026-03-31T22:30:00Z" : `2026-04-${String(2 + i).padStart(2, "0")}T09:00:00Z`,
      zone: "zone-5300",
      body: referral({
        municipality: "Bastogne",
        riskLevel: "medium",
        victimConsent: true,
        authorConsent: true,
        reference: `APR-B-${i}`,
      }),
      contacts: [{ role: "victim", hours: 3, outcome: elsewhere }],
    });
  }
  // Five in Liège (zone 5300, low) where nobody consented: no call-back at all.
  for (let i = 0; i < 5; i++) {
    plans.push({
      at: `2026-04-${String(10 + i).padStart(2, "0")}T09:00:00Z`,
      zone: "zone-5300",
      body: referral({
        municipality: "Liège",
        riskLevel: "low",
        victimConsent: false,
        authorConsent: false,
        reference: `APR-L-${i}`,
      }),
      contacts: [],
    });
  }
  // Another organisation, same municipalities and zones, same months: must never be counted.
  for (let i = 0; i < 7; i++) {
    plans.push({
      at: `2026-03-${String(3 + i).padStart(2, "0")}T12:00:00Z`,
      zone: "zone-5277",
      org: OTHER,
      body: referral({
        municipality: i < 3 ? "Seraing" : "Bastogne",
        riskLevel: "high",
        victimConsent: true,
        authorConsent: false,
        reference: `OTHER-${i}`,
      }),
      contacts: [{ role: "victim", hours: 1, outcome: accepted }],
    });
  }
  return plans;
}

describe("GET /v1/statistics", () => {
  let nats: NatsProcess;
  let service: Service;
  const clock = new ManualClock("2026-03-01T00:00:00Z");
  const coordinatorOf = (org: string) => mintToken({ role: "coordinator", org, sub: `coord-${org}` });

  beforeAll(async () => {
    nats = await startNats();
    service = await startReferrals(nats, { clock });
    await loadRoutingSeed(service.database, ORG, clock.now());
    await loadRoutingSeed(service.database, OTHER, clock.now());
    // Every step in time order: a filing, then the call-backs it leads to, hours later.
    const steps: { at: number; run: () => Promise<void> }[] = [];
    const filed = new Map<Plan, { id: string }>();
    let key = 0;
    for (const plan of seedPlans()) {
      const org = plan.org ?? ORG;
      steps.push({
        at: Date.parse(plan.at),
        run: async () => {
          const police = await mintToken({ role: "police", org, sub: plan.zone });
          const res = await call(service, "POST", "/v1/referrals", police, plan.body, {
            "idempotency-key": `seed-${++key}`,
          });
          expect(res.status).toBe(201);
          filed.set(plan, res.body);
        },
      });
      for (const contact of plan.contacts) {
        steps.push({
          at: Date.parse(plan.at) + contact.hours * 3_600_000,
          run: async () => {
            const token = await coordinatorOf(org);
            const queue = await call(service, "GET", `/v1/callbacks?limit=100&role=${contact.role}`, token);
            const task = queue.body.items.find(
              (t: { referralId: string }) => t.referralId === filed.get(plan)?.id,
            );
            const base = `/v1/callbacks/${task.id}`;
            expect((await call(service, "POST", `${base}/claim`, token)).status).toBe(200);
            const attempt = await call(
              service,
              "POST",
              `${base}/attempts`,
              token,
              {
                outcome: "reached",
                channel: "phone",
              },
              { "idempotency-key": `seed-${++key}` },
            );
            expect(attempt.status).toBe(201);
            const outcome = await call(service, "POST", `${base}/outcome`, token, contact.outcome, {
              "idempotency-key": `seed-${++key}`,
            });
            expect(outcome.status).toBe(201);
          },
        });
      }
    }
    steps.sort((a, b) => a.at - b.at);
    for (const step of steps) {
      clock.set(new Date(step.at).toISOString());
      await step.run();
    }
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    await nats?.stop();
  });

  async function statistics(query: string, token?: string) {
    const res = await call(service, "GET", `/v1/statistics?${query}`, token ?? (await coordinatorOf(ORG)));
    return res;
  }
  const table = (body: StatisticsReport, id: string) => body.tables.find((t) => t.id === id) as CountTableOut;

  it("counts referrals, consent and routing by month in Brussels time", async () => {
    const { status, body } = await statistics("from=2026-03&to=2026-04&by=month");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      from: "2026-03",
      to: "2026-04",
      by: "month",
      timeZone: "Europe/Brussels",
      threshold: 5,
    });
    // The 00:30 filing of 1 April (Brussels) is April's: March has ten, not eleven.
    expect(table(body, "referrals.victimConsent")).toEqual({
      id: "referrals.victimConsent",
      rowsBy: "month",
      categories: ["yes", "no"],
      rows: [
        { key: "2026-03", cells: [10, 0], total: 10 },
        { key: "2026-04", cells: [5, 5], total: 10 },
      ],
      totals: [15, 5],
      total: 20,
    });
    expect(table(body, "referrals.authorConsent").rows.map((r) => r.cells)).toEqual([
      [5, 5],
      [5, 5],
    ]);
    expect(table(body, "referrals.routing")).toMatchObject({
      categories: ["routed", "unroutable", "noTask"],
      rows: [
        { key: "2026-03", cells: [10, 0, 0], total: 10 },
        { key: "2026-04", cells: [0, 5, 5], total: 10 },
      ],
      totals: [10, 5, 5],
    });
  });

  it("counts call-back outcomes and the time to first contact (median, 90th percentile)", async () => {
    const { body } = await statistics("from=2026-03&to=2026-04");
    expect(table(body, "callbacks.outcome")).toMatchObject({
      categories: ["accepted", "declined", "referred_elsewhere", "unreachable", "open"],
      rows: [
        { key: "2026-03", cells: [5, 5, 0, 0, 5], total: 15 },
        { key: "2026-04", cells: [0, 0, 5, 0, 5], total: 10 },
      ],
      total: 25,
    });
    expect(table(body, "callbacks.contact").rows.map((r) => r.cells)).toEqual([
      [10, 5],
      [5, 5],
    ]);
    // March: 1..5 h and 2, 4, 6, 8, 10 h; April: five times 3 h.
    expect(body.durations).toEqual([
      {
        id: "callbacks.timeToFirstContact",
        rowsBy: "month",
        unit: "hours",
        rows: [
          { key: "2026-03", median: 4, p90: 8 },
          { key: "2026-04", median: 3, p90: 3 },
        ],
        total: { median: 3, p90: 8 },
      },
    ]);
  });

  it("breaks down by police zone, municipality and risk level", async () => {
    const byZone = (await statistics("from=2026-03&to=2026-04&by=zone")).body;
    expect(table(byZone, "referrals.victimConsent").rows).toEqual([
      { key: "zone-5277", cells: [10, 0], total: 10 },
      { key: "zone-5300", cells: [5, 5], total: 10 },
    ]);
    const byMunicipality = (await statistics("from=2026-03&to=2026-04&by=municipality")).body;
    expect(table(byMunicipality, "referrals.routing").rows).toEqual([
      { key: "Bastogne", cells: [0, 5, 0], total: 5 },
      { key: "Liège", cells: [0, 0, 5], total: 5 },
      { key: "Seraing", cells: [10, 0, 0], total: 10 },
    ]);
    const byRisk = (await statistics("from=2026-03&to=2026-04&by=riskLevel")).body;
    expect(table(byRisk, "callbacks.outcome").rows.map((r) => [r.key, r.total])).toEqual([
      ["high", 15],
      ["medium", 10],
      ["low", 0],
    ]);
    expect(byRisk.durations[0].rows[0]).toEqual({ key: "high", median: 4, p90: 8 });
  });

  it("suppresses small cells with complements so that no total gives them away", async () => {
    // The other organisation is the small data set: 3 referrals in Seraing, 4 in Bastogne, every
    // victim consenting and reached after an hour, no author consenting.
    const { body } = await statistics("from=2026-03&to=2026-04&by=municipality", await coordinatorOf(OTHER));
    expect(table(body, "referrals.victimConsent")).toMatchObject({
      rows: [
        { key: "Bastogne", cells: [null, 0], total: null },
        { key: "Seraing", cells: [null, 0], total: null },
      ],
      // 7 = Bastogne + Seraing, but neither is known: the pair is hidden together.
      totals: [7, 0],
      total: 7,
    });
    const outcome = table(body, "callbacks.outcome");
    expect(outcome.rows.map((r) => r.cells[0])).toEqual([null, null]);
    expect(outcome.totals[0]).toBe(7);
    // Seven people reached: the overall median may be published, the municipalities' not.
    expect(body.durations[0].rows).toEqual([
      { key: "Bastogne", median: null, p90: null },
      { key: "Seraing", median: null, p90: null },
    ]);
    expect(body.durations[0].total).toEqual({ median: 1, p90: 1 });
    // Nothing anywhere in the answer is a count between 1 and 4.
    const figures = body.tables.flatMap((t: CountTableOut) => [
      ...t.rows.flatMap((r) => [...r.cells, r.total]),
      ...t.totals,
      t.total,
    ]);
    expect(figures.filter((n: number | null) => n !== null && n > 0 && n < 5)).toEqual([]);
  });

  it("never counts another organisation's referrals, and answers only coordinators", async () => {
    const other = (await statistics("from=2026-03&to=2026-04&by=municipality", await coordinatorOf(OTHER)))
      .body;
    expect(table(other, "referrals.victimConsent").total).toBe(7);
    expect(table(other, "referrals.victimConsent").rows.map((r) => r.key)).toEqual(["Bastogne", "Seraing"]);
    // Ours: 20, and the other organisation's 3 Seraing referrals are not among our 10.
    const ours = (await statistics("from=2026-03&to=2026-04&by=municipality")).body;
    expect(table(ours, "referrals.victimConsent").total).toBe(20);
    expect(table(ours, "referrals.victimConsent").rows.find((r) => r.key === "Seraing")?.total).toBe(10);
    for (const token of [
      await tokens.police(),
      await tokens.caseworker(["seraing-neupre-victims"]),
      await tokens.other("facilitator"),
      await tokens.other("programme_staff"),
      await tokens.other("admin"),
    ]) {
      expect((await statistics("from=2026-03&to=2026-04", token)).status).toBe(403);
    }
    expect((await call(service, "GET", "/v1/statistics?from=2026-03&to=2026-04", null)).status).toBe(401);
  });

  it("names the field of a bad query", async () => {
    for (const [query, field] of [
      ["from=2026-13&to=2026-04", "from"],
      ["from=2026-04&to=2026-03", "to"],
      ["from=2026-03&to=2026-04&by=team", "by"],
      ["to=2026-04", "from"],
    ] as const) {
      const res = await statistics(query);
      expect(res.status, query).toBe(400);
      expect(res.text, query).toContain(field);
    }
  });
});
