// The evaluation statistics of groups on a data set whose counts are known: placements asked for
// by real referrals.support.requested events on a real nats-server, enrolments and attendance
// through the routes, another organisation's requests in the same database.
import { createEvent, SupportRequested } from "@relais/contracts";
import type { CountTableOut, StatisticsReport } from "@relais/statistics";
import { ManualClock, type NatsProcess, startNats, waitFor } from "@relais/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placements } from "../src/db/schema.js";
import {
  type Caller,
  coordinator,
  facilitator,
  groupInput,
  json,
  mandateInput,
  ORG,
  staff,
} from "./client.js";
import { type GroupsService, startGroups } from "./harness.js";

const OTHER = "org-other";
const mandate = mandateInput();

describe("GET /v1/statistics (groups)", () => {
  let nats: NatsProcess;
  let service: GroupsService;
  const clock = new ManualClock("2026-03-01T09:00:00Z");
  let asked = 0;

  async function ask(org: string, count: number, data: { groupKind: string; municipality: string }) {
    const js = await service.bus.jetstream();
    for (let i = 0; i < count; i++) {
      const n = ++asked;
      const event = createEvent(SupportRequested, {
        orgId: org,
        source: "referrals",
        data: {
          referralId: `ref-${n}`,
          personRef: `prs_stat${String(n).padStart(5, "0")}`,
          role: "victim",
          groupKind: data.groupKind as "victim_peer",
          language: "fr",
          municipality: data.municipality,
          timeZone: "Europe/Brussels",
        },
      });
      await js.publish(event.type, new TextEncoder().encode(JSON.stringify(event)), { msgID: event.id });
    }
    await waitFor(async () => (await service.database.db.select().from(placements)).length === asked, {
      timeoutMs: 10_000,
      message: `${asked} placements`,
    });
  }
  const sessionsOf = async (group: string, caller: Caller) =>
    (
      await json<{ items: { id: string }[] }>(
        await service.client.get(`/v1/groups/${group}/sessions`, caller),
      )
    ).items;
  const mark = async (session: string, enrolment: string, status: string, caller: Caller) => {
    const res = await service.client.put(
      `/v1/sessions/${session}/attendance/${enrolment}`,
      { status },
      caller,
    );
    expect(res.status).toBeLessThan(300);
  };

  beforeAll(async () => {
    nats = await startNats();
    service = await startGroups(nats, { clock });
    service.runner.start();
    const { client } = service;
    const peer = (
      await json<{ id: string }>(
        await client.post(
          "/v1/groups",
          groupInput({
            capacity: 20,
            schedule: {
              timeZone: "Europe/Brussels",
              dtstart: "2026-03-03T18:00",
              rrule: "FREQ=WEEKLY;BYDAY=TU;COUNT=8",
              durationMinutes: 120,
            },
          }),
          facilitator,
        ),
      )
    ).id;
    const programme = (
      await json<{ id: string }>(
        await client.post(
          "/v1/groups",
          groupInput({
            kind: "perpetrator",
            capacity: 12,
            facilitators: [{ sub: "staff-1", email: "staff@example.org" }],
            schedule: {
              timeZone: "Europe/Brussels",
              dtstart: "2026-03-05T18:00",
              rrule: "FREQ=WEEKLY;BYDAY=TH;COUNT=8",
              durationMinutes: 120,
            },
          }),
          staff,
        ),
      )
    ).id;
    // March: six asking for a peer group in Seraing (placed at once), five for a children's group
    // in Liège (there is none: awaiting). April: five more for the peer group.
    clock.set("2026-03-02T09:00:00Z");
    await ask(ORG, 6, { groupKind: "victim_peer", municipality: "Seraing" });
    await ask(ORG, 5, { groupKind: "children", municipality: "Liège" });
    // The other organisation asks too, in the same months and places.
    await ask(OTHER, 2, { groupKind: "victim_peer", municipality: "Seraing" });
    // Ten perpetrators enrolled directly by programme staff, each under a mandate.
    clock.set("2026-03-02T10:00:00Z");
    const perpetrators: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await client.post(
        `/v1/groups/${programme}/enrolments`,
        { personRef: `prs_perp${String(i).padStart(5, "0")}`, displayName: `P${i}`, mandate },
        staff,
      );
      expect(res.status).toBe(201);
      perpetrators.push((await json<{ id: string }>(res)).id);
    }
    const placedOf = async () =>
      (
        await json<{ items: { enrolmentId: string | null; groupId: string | null }[] }>(
          await client.get("/v1/placements?status=placed&limit=100", coordinator),
        )
      ).items.flatMap((p) => (p.groupId === peer && p.enrolmentId ? [p.enrolmentId] : []));
    const march = await placedOf();
    expect(march).toHaveLength(6);
    const peerSessions = await sessionsOf(peer, facilitator);
    const programmeSessions = await sessionsOf(programme, staff);
    // 3 March: five present, one late (first session 18:00 Brussels = 32 h after the request).
    // 10 March: four present, two absent.
    clock.set("2026-03-20T09:00:00Z");
    for (const [i, enrolment] of march.entries()) {
      await mark(peerSessions[0]!.id, enrolment, i === 5 ? "late" : "present", facilitator);
      await mark(peerSessions[1]!.id, enrolment, i < 4 ? "present" : "absent", facilitator);
    }
    // The programme: all ten on 5 March; five of them absent on 12 and 19 March (a breach each).
    for (const [i, enrolment] of perpetrators.entries()) {
      await mark(programmeSessions[0]!.id, enrolment, "present", staff);
      await mark(programmeSessions[1]!.id, enrolment, i < 5 ? "absent" : "present", staff);
      await mark(programmeSessions[2]!.id, enrolment, i < 5 ? "absent" : "present", staff);
    }
    // Staff end them: the five in breach excluded, the others completed.
    for (const [i, enrolment] of perpetrators.entries()) {
      const res = await client.post(
        `/v1/enrolments/${enrolment}/withdraw`,
        { status: i < 5 ? "excluded" : "completed" },
        staff,
      );
      expect(res.status).toBe(200);
    }
    // April: five more asking on Monday 6 April, all at the session of Tuesday 7 April (31 h).
    clock.set("2026-04-06T09:00:00Z");
    await ask(ORG, 5, { groupKind: "victim_peer", municipality: "Seraing" });
    const april = (await placedOf()).filter((id) => !march.includes(id));
    expect(april).toHaveLength(5);
    clock.set("2026-04-08T09:00:00Z");
    for (const enrolment of april) await mark(peerSessions[5]!.id, enrolment, "present", facilitator);
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
    await nats?.stop();
  });

  async function statistics(query: string, caller: Caller = coordinator) {
    const res = await service.client.get(`/v1/statistics?${query}`, caller);
    return { status: res.status, body: (await res.json()) as StatisticsReport };
  }
  const table = (body: StatisticsReport, id: string) => body.tables.find((t) => t.id === id) as CountTableOut;

  it("counts placements asked for and made, and the time from outcome to first session", async () => {
    const { status, body } = await statistics("from=2026-03&to=2026-04&by=month");
    expect(status).toBe(200);
    expect(table(body, "placements.outcome")).toMatchObject({
      categories: ["placed", "waitlisted", "awaiting"],
      rows: [
        { key: "2026-03", cells: [6, 0, 5], total: 11 },
        { key: "2026-04", cells: [5, 0, 0], total: 5 },
      ],
      totals: [11, 0, 5],
      total: 16,
    });
    expect(body.durations[0]).toMatchObject({
      id: "placements.outcomeToFirstSession",
      rows: [
        { key: "2026-03", median: 32, p90: 32 },
        { key: "2026-04", median: 31, p90: 31 },
      ],
      total: { median: 32, p90: 32 },
    });
    const byPlace = (await statistics("from=2026-03&to=2026-04&by=municipality")).body;
    expect(table(byPlace, "placements.outcome").rows).toEqual([
      { key: "Liège", cells: [0, 0, 5], total: 5 },
      { key: "Seraing", cells: [11, 0, 0], total: 11 },
    ]);
  });

  it("gives the attendance rate per group kind, and programme completion and breaches", async () => {
    const { body } = await statistics("from=2026-03&to=2026-04");
    // Peer group: 14 present + 1 late of 17; programme: 20 present of 30.
    expect(body.rates).toEqual([
      {
        id: "attendance.rate",
        rowsBy: "groupKind",
        rows: [
          { key: "victim_peer", rate: 0.882 },
          { key: "parent", rate: null },
          { key: "children", rate: null },
          { key: "perpetrator", rate: 0.667 },
        ],
        total: 0.745,
      },
    ]);
    expect(table(body, "programme.outcome")).toMatchObject({
      categories: ["completed", "excluded", "withdrawn", "ongoing"],
      rows: [
        { key: "2026-03", cells: [5, 5, 0, 0], total: 10 },
        { key: "2026-04", cells: [0, 0, 0, 0], total: 0 },
      ],
    });
    expect(table(body, "programme.compliance").rows[0]).toEqual({ key: "2026-03", cells: [5, 5], total: 10 });
    // March alone: the peer group's two March sessions (10 attended of 12).
    const march = (await statistics("from=2026-03&to=2026-03")).body;
    expect(march.rates[0]?.rows[0]).toEqual({ key: "victim_peer", rate: 0.833 });
  });

  it("suppresses the other organisation's small figures and never mixes the two", async () => {
    const { body } = await statistics("from=2026-03&to=2026-04", { role: "coordinator", org: OTHER });
    expect(table(body, "placements.outcome")).toMatchObject({
      rows: [
        { key: "2026-03", cells: [0, 0, null], total: null },
        { key: "2026-04", cells: [0, 0, 0], total: 0 },
      ],
      totals: [0, 0, null],
      total: null,
    });
    expect(body.rates[0]?.total).toBeNull();
    // Ours: 16, not 18.
    expect(table((await statistics("from=2026-03&to=2026-04")).body, "placements.outcome").total).toBe(16);
  });

  it("answers coordinators only, and names a breakdown it does not know", async () => {
    for (const role of ["facilitator", "programme_staff", "police", "caseworker", "admin"] as const) {
      expect((await statistics("from=2026-03&to=2026-04", { role })).status, role).toBe(403);
    }
    const bad = await service.client.get("/v1/statistics?from=2026-03&to=2026-04&by=zone", coordinator);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("by");
  });
});
