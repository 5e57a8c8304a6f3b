import { SessionCancelled, SessionChanged } from "@relais/contracts";
import { ManualClock, startNats, useService } from "@relais/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { outbox } from "../src/db/schema.js";
import { facilitator, groupInput, json, problem } from "./client.js";
import { type GroupsService, startGroups } from "./harness.js";

interface Session {
  id: string;
  startsAt: string;
  endsAt: string;
  originalStartsAt: string;
  status: string;
}
interface SessionList {
  sequence: number;
  items: Session[];
}

const utc = (iso: string) => new Date(iso).toISOString().replace(".000", "");
const on = (list: Session[], day: string) => list.find((s) => s.originalStartsAt.startsWith(day))!;

async function newSeries(service: GroupsService): Promise<string> {
  const created = await service.client.post("/v1/groups", groupInput(), facilitator);
  return (await json<{ id: string }>(created)).id;
}

describe("a weekly Tuesday 18:00 Europe/Brussels series from February to November", () => {
  let service: GroupsService;
  let groupId: string;
  useService((nats) => startGroups(nats, { clock: new ManualClock("2026-01-10T09:00:00Z") }), {
    started: (started) => {
      service = started;
    },
  });
  // Every test has its own series, so none depends on what the tests before it changed.
  beforeEach(async () => {
    groupId = await newSeries(service);
  });

  const sessions = async (svc = service, id = groupId) =>
    json<SessionList>(await svc.client.get(`/v1/groups/${id}/sessions`, facilitator));

  /** Cancels 10 March and moves 14 April to Thursday 16 April 18:30: sequence 1, then 2. */
  async function cancelMarchMoveApril(svc = service, id = groupId) {
    const { items } = await sessions(svc, id);
    const march = on(items, "2026-03-10");
    const cancelled = await svc.client.post(
      `/v1/sessions/${march.id}/cancel`,
      { reason: "Salle indisponible" },
      facilitator,
    );
    const april = on(items, "2026-04-14");
    const moved = await svc.client.patch(
      `/v1/sessions/${april.id}`,
      { startsAt: "2026-04-16T18:30:00+02:00" },
      facilitator,
    );
    return { march, april, cancelled, moved };
  }

  /** From 1 September on, Wednesdays 19:00 for 90 minutes. */
  async function moveFromSeptember(svc = service, id = groupId) {
    const september = on((await sessions(svc, id)).items, "2026-09-01");
    return svc.client.patch(
      `/v1/sessions/${september.id}`,
      { scope: "following", startsAt: "2026-09-02T19:00:00+02:00", durationMinutes: 90 },
      facilitator,
    );
  }

  it("starts every session at 18:00 local: 17:00Z in winter, 16:00Z in summer", async () => {
    const { items, sequence } = await sessions();
    expect(sequence).toBe(0);
    expect(items).toHaveLength(43);
    for (const session of items) {
      expect(session.startsAt).toMatch(/T18:00:00\+0[12]:00$/);
      const month = Number(session.startsAt.slice(5, 7));
      const summer = session.startsAt.endsWith("+02:00");
      expect(utc(session.startsAt).slice(11)).toBe(summer ? "16:00:00Z" : "17:00:00Z");
      if (month <= 2 || month >= 11) expect(summer).toBe(false);
      if (month >= 4 && month <= 9) expect(summer).toBe(true);
    }
    expect(on(items, "2026-03-24").startsAt).toBe("2026-03-24T18:00:00+01:00");
    expect(on(items, "2026-03-31").startsAt).toBe("2026-03-31T18:00:00+02:00");
    expect(on(items, "2026-10-20").startsAt).toBe("2026-10-20T18:00:00+02:00");
    expect(on(items, "2026-10-27").startsAt).toBe("2026-10-27T18:00:00+01:00");
  });

  it("cancels one session and moves another, leaving the rest of the series alone", async () => {
    const { march, april, cancelled, moved } = await cancelMarchMoveApril();
    expect(cancelled.status).toBe(200);
    expect(await json(cancelled)).toMatchObject({ status: "cancelled", cancelReason: "Salle indisponible" });
    expect(moved.status).toBe(200);
    const after = await json<SessionList>(moved);
    expect(after.sequence).toBe(2);
    expect(on(after.items, "2026-04-14")).toMatchObject({
      status: "moved",
      startsAt: "2026-04-16T18:30:00+02:00",
      endsAt: "2026-04-16T20:30:00+02:00",
    });
    const untouched = after.items.filter((s) => s.id !== march.id && s.id !== april.id);
    expect(untouched.every((s) => s.status === "scheduled" && s.startsAt === s.originalStartsAt)).toBe(true);
  });

  it("changes the series from 1 September on to Wednesdays 19:00, still local across the autumn change", async () => {
    await cancelMarchMoveApril();
    const response = await moveFromSeptember();
    expect(response.status).toBe(200);
    const after = await json<SessionList>(response);
    expect(after.sequence).toBe(3);
    for (const session of after.items) {
      if (session.originalStartsAt < "2026-09-01") {
        if (session.status === "scheduled") expect(session.startsAt).toMatch(/T18:00:00/);
        continue;
      }
      expect(session.status).toBe("moved");
      expect(session.startsAt).toMatch(/T19:00:00\+0[12]:00$/);
      expect(new Date(session.startsAt).getUTCDay()).toBe(3);
      expect(Date.parse(session.endsAt) - Date.parse(session.startsAt)).toBe(90 * 60_000);
    }
    expect(on(after.items, "2026-10-20").startsAt).toBe("2026-10-21T19:00:00+02:00");
    expect(on(after.items, "2026-10-27").startsAt).toBe("2026-10-28T19:00:00+01:00");
    expect(utc(on(after.items, "2026-10-27").startsAt)).toBe("2026-10-28T18:00:00Z");
  });

  it("emitted one event per change with the series' sequence, and the relay published them", async () => {
    // Its own NATS and database: the stream and the outbox hold this test's three changes only.
    const ownNats = await startNats();
    const own = await startGroups(ownNats, { clock: new ManualClock("2026-01-10T09:00:00Z") });
    try {
      const id = await newSeries(own);
      await cancelMarchMoveApril(own, id);
      await moveFromSeptember(own, id);
      await expectPublishedChanges(own);
    } finally {
      await own.stop();
      await ownNats.stop();
    }
  });

  async function expectPublishedChanges(service: GroupsService) {
    const rows = await service.database.db.select().from(outbox);
    const events = rows.map((row) => JSON.parse(row.payload) as { type: string });
    const cancelled = events
      .filter((e) => e.type === SessionCancelled.type)
      .map((e) => SessionCancelled.envelope.parse(e));
    const changed = events
      .filter((e) => e.type === SessionChanged.type)
      .map((e) => SessionChanged.envelope.parse(e));
    expect(cancelled.map((e) => e.data.series.sequence)).toEqual([1]);
    expect(changed.map((e) => [e.data.scope, e.data.series.sequence])).toEqual([
      ["single", 2],
      ["following", 3],
    ]);
    const last = changed.at(-1)!.data.series;
    expect(last.sessions).toHaveLength(43);
    expect(last.rrule).toBe("FREQ=WEEKLY;BYDAY=TU;UNTIL=20261124T170000Z");
    expect(last.dtstart).toBe("2026-02-03T18:00:00");
    expect(last.facilitators).toEqual([
      { sub: "facilitator-1", displayName: "Anne", email: "anne@example.org" },
    ]);

    service.relay.start();
    await service.relay.drained();
    const jsm = await service.bus.manager();
    expect((await jsm.streams.info("GROUPS")).state.messages).toBe(3);
  }

  it("refuses changes to a cancelled or past session with 409", async () => {
    await cancelMarchMoveApril();
    const { items } = await sessions();
    const cancelled = items.find((s) => s.status === "cancelled")!;
    expect(
      (
        await problem(
          await service.client.patch(`/v1/sessions/${cancelled.id}`, { durationMinutes: 60 }, facilitator),
        )
      ).code,
    ).toBe("session_cancelled");
    expect(
      (await problem(await service.client.post(`/v1/sessions/${cancelled.id}/cancel`, {}, facilitator)))
        .status,
    ).toBe(409);
    const later = items.find((s) => s.status === "scheduled")!;
    expect(
      (
        await problem(
          await service.client.patch(
            `/v1/sessions/${later.id}`,
            { startsAt: "2025-12-01T18:00:00+01:00" },
            facilitator,
          ),
        )
      ).code,
    ).toBe("session_in_past");
  });

  it("lets only the group's runners in: police and coordinators 403, others' groups and orgs 404", async () => {
    const { items } = await sessions();
    const id = items.at(-1)!.id;
    for (const role of ["police", "coordinator", "caseworker"] as const) {
      expect((await service.client.get(`/v1/groups/${groupId}/sessions`, { role })).status).toBe(403);
      expect(
        (await service.client.patch(`/v1/sessions/${id}`, { durationMinutes: 60 }, { role })).status,
      ).toBe(403);
      expect((await service.client.post(`/v1/sessions/${id}/cancel`, {}, { role })).status).toBe(403);
    }
    const stranger = { role: "facilitator", sub: "facilitator-9" } as const;
    const otherOrg = { ...facilitator, org: "org-other" };
    for (const caller of [stranger, otherOrg, { role: "programme_staff" } as const]) {
      expect((await service.client.get(`/v1/groups/${groupId}/sessions`, caller)).status).toBe(404);
      expect((await service.client.patch(`/v1/sessions/${id}`, { durationMinutes: 60 }, caller)).status).toBe(
        404,
      );
      expect((await service.client.post(`/v1/sessions/${id}/cancel`, {}, caller)).status).toBe(404);
    }
  });

  it.each([
    [{}, "startsAt"],
    [{ startsAt: "next tuesday" }, "startsAt"],
    [{ startsAt: "2026-11-17T19:00:00" }, "startsAt"],
    [{ scope: "all", durationMinutes: 60 }, "scope"],
    [{ durationMinutes: 5 }, "durationMinutes"],
  ])("rejects the session change %j naming %s", async (body, path) => {
    const { items } = await sessions();
    const response = await service.client.patch(`/v1/sessions/${items.at(-1)!.id}`, body, facilitator);
    expect(await problem(response)).toMatchObject({ status: 400, paths: [path] });
  });

  it("rejects a bad cancellation naming the field", async () => {
    const { items } = await sessions();
    const response = await service.client.post(
      `/v1/sessions/${items.at(-1)!.id}/cancel`,
      { reason: "x".repeat(501) },
      facilitator,
    );
    expect(await problem(response)).toMatchObject({ status: 400, paths: ["reason"] });
  });
});
