import { AttendanceRecorded, ComplianceBreached } from "@relais/contracts";
import { ManualClock, useService } from "@relais/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, outbox } from "../src/db/schema.js";
import {
  type Caller,
  facilitator,
  groupInput,
  json,
  mandateInput,
  problem,
  staff,
  tenTuesdays,
} from "./client.js";
import { startGroups } from "./harness.js";

interface Session {
  id: string;
  startsAt: string;
}

const mandate = mandateInput();

describe("attendance, safety check-ins and perpetrator compliance", () => {
  const clock = new ManualClock("2026-01-10T09:00:00Z");
  let victimGroup: string;
  let victimSessions: Session[];
  let ids: { anna: string; bea: string; cleo: string };

  const live = useService((nats) => startGroups(nats, { clock }));
  // Every test has its own victims' group and people, so none depends on what the tests before
  // it recorded (check-ins, corrections, a cancelled session).
  beforeEach(async () => {
    clock.set("2026-01-10T09:00:00Z");
    const { client } = live.service;
    victimGroup = (
      await json<{ id: string }>(
        await client.post("/v1/groups", groupInput({ capacity: 2, schedule: tenTuesdays }), facilitator),
      )
    ).id;
    const enrol = async (personRef: string, displayName: string) =>
      (
        await json<{ id: string }>(
          await client.post(`/v1/groups/${victimGroup}/enrolments`, { personRef, displayName }, facilitator),
        )
      ).id;
    ids = {
      anna: await enrol("prs_anna00001", "Anna"),
      bea: await enrol("prs_bea000001", "Béa"),
      cleo: await enrol("prs_cleo00001", "Cléo"),
    };
    victimSessions = (
      await json<{ items: Session[] }>(await client.get(`/v1/groups/${victimGroup}/sessions`, facilitator))
    ).items;
  });

  /** A perpetrator group of programme staff, one person enrolled in it under the mandate, and its sessions. */
  async function mandatedPerson(group: Record<string, unknown>, person: Record<string, unknown>) {
    const { client } = live.service;
    const groupId = (
      await json<{ id: string }>(
        await client.post(
          "/v1/groups",
          groupInput({ kind: "perpetrator", capacity: 9, schedule: tenTuesdays, ...group }),
          staff,
        ),
      )
    ).id;
    const enrolment = (
      await json<{ id: string }>(
        await client.post(`/v1/groups/${groupId}/enrolments`, { ...person, mandate }, staff),
      )
    ).id;
    const sessions = (
      await json<{ items: Session[] }>(await client.get(`/v1/groups/${groupId}/sessions`, staff))
    ).items;
    return { enrolment, sessions };
  }

  const put = (sessionId: string, enrolmentId: string, body: unknown, caller: Caller = facilitator) =>
    live.service.client.put(`/v1/sessions/${sessionId}/attendance/${enrolmentId}`, body, caller);
  async function eventsOf<T>(type: string, parse: (raw: unknown) => T): Promise<T[]> {
    const rows = await live.service.database.db.select().from(outbox);
    return rows
      .map((r) => JSON.parse(r.payload) as { type: string })
      .filter((e) => e.type === type)
      .map(parse);
  }

  it("records attendance idempotently, by whom and when, and shows it on the audited roster", async () => {
    const first = victimSessions[0]!;
    clock.set("2026-02-03T17:30:00Z");
    const recorded = await put(first.id, ids.anna, { status: "present" });
    expect(recorded.status).toBe(200);
    const body = await json<{ recordedBy: string; recordedAt: string }>(recorded);
    expect(body).toMatchObject({
      status: "present",
      recordedBy: "facilitator-1",
      recordedAt: "2026-02-03T17:30:00.000Z",
    });
    clock.advance({ minutes: 5 });
    const again = await json(await put(first.id, ids.anna, { status: "present" }));
    expect(again).toEqual(await json(await put(first.id, ids.anna, { status: "present" })));
    expect(again).toMatchObject({ recordedAt: body.recordedAt });
    const late = await put(first.id, ids.bea, { status: "late", note: "Bus en retard, arrivée 18h20" });
    expect(late.status).toBe(200);
    const events = (
      await eventsOf("groups.attendance.recorded", (e) => AttendanceRecorded.envelope.parse(e))
    ).filter((e) => e.data.groupId === victimGroup);
    expect(events.map((e) => [e.data.enrolmentId, e.data.status])).toEqual([
      [ids.anna, "present"],
      [ids.bea, "late"],
    ]);

    const roster = await json<{
      items: Array<{ enrolmentId: string; displayName: string; attendance: string | null }>;
    }>(await live.service.client.get(`/v1/sessions/${first.id}/attendance`, facilitator));
    expect(roster.items.map((l) => [l.displayName, l.attendance])).toEqual([
      ["Anna", "present"],
      ["Béa", "late"],
    ]);
    const audit = await live.service.database.db.select().from(auditLog);
    expect(audit.filter((a) => a.action === "roster.read" && a.recordId === first.id)).toHaveLength(1);
  });

  it("prompts a safety check-in when a victim misses a session, withdrawn when the absence is corrected", async () => {
    const second = victimSessions[1]!;
    clock.set("2026-02-10T19:00:00Z");
    await put(second.id, ids.anna, { status: "absent" });
    const open = await json<{ items: Array<{ id: string; enrolmentId: string; displayName: string }> }>(
      await live.service.client.get("/v1/check-ins", facilitator),
    );
    expect(open.items.map((c) => [c.enrolmentId, c.displayName])).toEqual([[ids.anna, "Anna"]]);
    expect(
      (
        await json<{ items: unknown[] }>(
          await live.service.client.get("/v1/check-ins", { role: "facilitator", sub: "other" }),
        )
      ).items,
    ).toEqual([]);

    await put(second.id, ids.anna, { status: "excused", note: "Prévenu par téléphone" });
    expect(
      (await json<{ items: unknown[] }>(await live.service.client.get("/v1/check-ins", facilitator))).items,
    ).toEqual([]);

    await put(second.id, ids.bea, { status: "absent" });
    const [checkIn] = (
      await json<{ items: Array<{ id: string }> }>(
        await live.service.client.get("/v1/check-ins", facilitator),
      )
    ).items;
    expect(
      (await live.service.client.post(`/v1/check-ins/${checkIn!.id}/resolve`, {}, facilitator)).status,
    ).toBe(204);
    expect(
      (await problem(await live.service.client.post(`/v1/check-ins/${checkIn!.id}/resolve`, {}, facilitator)))
        .code,
    ).toBe("check_in_closed");
    const done = await json<{ items: unknown[] }>(
      await live.service.client.get("/v1/check-ins?status=done", { role: "coordinator" }),
    );
    expect(done.items).toHaveLength(1);
  });

  it("refuses attendance for the waitlisted, a future session and a cancelled one", async () => {
    clock.set("2026-02-10T19:00:00Z");
    expect((await problem(await put(victimSessions[0]!.id, ids.cleo, { status: "present" }))).code).toBe(
      "not_enrolled",
    );
    expect((await problem(await put(victimSessions[5]!.id, ids.anna, { status: "present" }))).code).toBe(
      "session_not_started",
    );
    await live.service.client.post(`/v1/sessions/${victimSessions[9]!.id}/cancel`, {}, facilitator);
    clock.set("2026-05-01T09:00:00Z");
    expect((await problem(await put(victimSessions[9]!.id, ids.anna, { status: "present" }))).code).toBe(
      "session_cancelled",
    );
  });

  it("fires each compliance step once, clears them on correction, and exports the record as CSV", async () => {
    clock.set("2026-01-10T09:00:00Z");
    const { client } = live.service;
    const { enrolment, sessions } = await mandatedPerson(
      { admission: "closed", facilitators: [{ sub: "staff-1", email: "staff@example.org" }] },
      { personRef: "prs_marc00001", displayName: "Marc" },
    );
    clock.set("2026-04-30T09:00:00Z");
    const mark = (n: number, status: string, note?: string) =>
      put(sessions[n]!.id, enrolment, { status, ...(note ? { note } : {}) }, staff);
    const breaches = async () =>
      (await eventsOf("groups.compliance.breached", (e) => ComplianceBreached.envelope.parse(e))).filter(
        (e) => e.data.enrolmentId === enrolment,
      );

    await mark(0, "present");
    await mark(1, "absent");
    expect(await breaches()).toEqual([]);
    await mark(2, "absent");
    expect((await breaches()).map((e) => e.data.step)).toEqual([{ kind: "warning", threshold: 2 }]);
    // 10 sessions at 80 %: a third unexcused absence leaves at most 7 attended.
    await mark(3, "absent", "Pas venu, pas prévenu");
    await mark(3, "absent", "Pas venu, pas prévenu");
    await mark(4, "absent");
    const fired = await breaches();
    expect(fired.map((e) => e.data.step.kind)).toEqual(["warning", "completion_failed", "suspension"]);
    expect(fired[2]!.data).toMatchObject({
      enrolmentId: enrolment,
      personRef: "prs_marc00001",
      unexcusedAbsences: 4,
      mandate: {
        authority: mandate.authority,
        contactEmail: mandate.contactEmail,
        caseReference: mandate.caseReference,
      },
      facilitators: [{ sub: "staff-1", email: "staff@example.org" }],
    });

    const report = async () =>
      json<{
        compliance: { breached: Array<{ kind: string }>; unexcusedAbsences: number };
        fired: Array<{ kind: string; firedAt: string }>;
      }>(await client.get(`/v1/enrolments/${enrolment}/attendance-report`, staff));
    expect((await report()).compliance.breached.map((b) => b.kind)).toEqual([
      "warning",
      "suspension",
      "completion_failed",
    ]);
    // When each step fired, i.e. when the authority's notification left: what staff are shown.
    expect((await report()).fired.map((f) => [f.kind, f.firedAt.slice(0, 16)]).sort()).toEqual([
      ["completion_failed", "2026-04-30T09:00"],
      ["suspension", "2026-04-30T09:00"],
      ["warning", "2026-04-30T09:00"],
    ]);

    // Corrections: a medical certificate for one absence, two absences that were data-entry errors.
    await mark(4, "excused", 'Certificat médical, "grippe"');
    await mark(3, "present");
    await mark(2, "late");
    const cleared = await report();
    expect(cleared.compliance).toMatchObject({ unexcusedAbsences: 1, breached: [] });
    expect(cleared.fired).toEqual([]);
    expect(await breaches()).toHaveLength(3);

    // A new breach after a correction is a new breach, announced again: two unexcused absences, and
    // 3 attended + 4 to come can no longer reach 80 % of the 9 unexcused sessions.
    await mark(5, "absent");
    expect((await breaches()).map((e) => e.data.step.kind)).toEqual([
      "warning",
      "completion_failed",
      "suspension",
      "warning",
      "completion_failed",
    ]);

    const csv = await client.get(`/v1/enrolments/${enrolment}/attendance-report?format=csv`, {
      role: "coordinator",
    });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("session_id,starts_at,session_status,attendance,note,recorded_by,recorded_at");
    expect(lines).toHaveLength(11);
    const expected = ["present", "absent", "late", "present", "excused", "absent", "", "", "", ""];
    lines.slice(1).forEach((line, n) => {
      expect(line.startsWith(`${sessions[n]!.id},${sessions[n]!.startsAt},scheduled,${expected[n]},`)).toBe(
        true,
      );
    });
    expect(lines[5]).toContain('"Certificat médical, ""grippe"""');
    // A correction without a note replaces the old note too: the record is what was last said.
    expect(lines[4]).toMatch(/,present,,staff-1,/);
  });

  it("re-evaluates compliance when a session is cancelled", async () => {
    clock.set("2026-01-10T09:00:00Z");
    const { client } = live.service;
    const { enrolment, sessions } = await mandatedPerson(
      { admission: "rolling", facilitators: [{ sub: "staff-1" }] },
      { personRef: "prs_paul00001" },
    );
    clock.set("2026-02-20T09:00:00Z");
    await put(sessions[0]!.id, enrolment, { status: "absent" }, staff);
    await put(sessions[1]!.id, enrolment, { status: "absent" }, staff);
    await put(sessions[2]!.id, enrolment, { status: "present" }, staff);
    const kinds = async () =>
      (await eventsOf("groups.compliance.breached", (e) => ComplianceBreached.envelope.parse(e)))
        .filter((e) => e.data.enrolmentId === enrolment)
        .map((e) => e.data.step.kind);
    // 1 attended + 7 to come still reaches 80 % of 10.
    expect(await kinds()).toEqual(["warning"]);
    // With 9 sessions, 80 % is 8 again, but only 6 remain to come.
    const cancelled = await client.post(`/v1/sessions/${sessions[9]!.id}/cancel`, { reason: "Congé" }, staff);
    expect(cancelled.status, await cancelled.clone().text()).toBe(200);
    expect(await kinds()).toEqual(["warning", "completion_failed"]);

    const history = await json<{ items: Array<{ attendance: string | null }> }>(
      await client.get(`/v1/enrolments/${enrolment}/attendance`, staff),
    );
    expect(history.items.map((i) => i.attendance).slice(0, 4)).toEqual(["absent", "absent", "present", null]);
  });

  it("lets only the right roles in on attendance, rosters, reports and check-ins", async () => {
    clock.set("2026-02-10T19:00:00Z");
    const session = victimSessions[1]!.id;
    const wrong = ["police", "coordinator", "caseworker"] as const;
    for (const role of wrong) {
      expect((await put(session, ids.anna, { status: "present" }, { role })).status).toBe(403);
      expect((await live.service.client.get(`/v1/sessions/${session}/attendance`, { role })).status).toBe(
        403,
      );
    }
    for (const role of ["police", "facilitator", "caseworker"] as const)
      expect(
        (await live.service.client.get(`/v1/enrolments/${ids.anna}/attendance-report`, { role })).status,
      ).toBe(403);
    for (const role of ["police", "programme_staff"] as const) {
      expect((await live.service.client.get("/v1/check-ins", { role })).status).toBe(403);
      expect((await live.service.client.post("/v1/check-ins/x/resolve", {}, { role })).status).toBe(403);
    }
    const outsiders: Caller[] = [
      { role: "facilitator", sub: "facilitator-9" },
      { ...facilitator, org: "org-other" },
      staff,
    ];
    for (const caller of outsiders) {
      expect((await live.service.client.get(`/v1/enrolments/${ids.anna}/attendance`, caller)).status).toBe(
        404,
      );
      expect((await put(session, ids.anna, { status: "present" }, caller)).status).toBe(404);
      expect((await live.service.client.get(`/v1/sessions/${session}/attendance`, caller)).status).toBe(404);
    }
    // Programme staff see perpetrator groups only; another organisation sees nothing.
    expect(
      (await live.service.client.get(`/v1/enrolments/${ids.anna}/attendance-report`, staff)).status,
    ).toBe(404);
    expect(
      (
        await live.service.client.get(`/v1/enrolments/${ids.anna}/attendance-report`, {
          role: "coordinator",
          org: "org-other",
        })
      ).status,
    ).toBe(404);
    expect(
      (await live.service.client.get(`/v1/enrolments/${ids.anna}/attendance-report`, { role: "coordinator" }))
        .status,
    ).toBe(200);
  });

  it("names the bad field on every attendance route", async () => {
    const session = victimSessions[1]!.id;
    expect(await problem(await put(session, ids.anna, { status: "asleep" }))).toMatchObject({
      status: 400,
      paths: ["status"],
    });
    expect(
      await problem(await put(session, ids.anna, { status: "late", note: "x".repeat(1001) })),
    ).toMatchObject({
      status: 400,
      paths: ["note"],
    });
    expect(await problem(await put(session, ids.anna, {}))).toMatchObject({ status: 400, paths: ["status"] });
    expect(
      await problem(
        await live.service.client.get(`/v1/enrolments/${ids.anna}/attendance-report?format=xml`, {
          role: "coordinator",
        }),
      ),
    ).toMatchObject({ status: 400, paths: ["format"] });
    expect(
      await problem(await live.service.client.get("/v1/check-ins?status=maybe", facilitator)),
    ).toMatchObject({
      status: 400,
      paths: ["status"],
    });
    expect((await problem(await put(session, "nope", { status: "present" }))).status).toBe(404);
  });
});
