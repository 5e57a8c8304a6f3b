import { ComplianceBreached } from "@relais/contracts";
import { ManualClock, useService } from "@relais/testing";
import { describe, expect, it } from "vitest";
import { auditLog, outbox } from "../src/db/schema.js";
import { type Caller, groupInput, json, mandateInput, problem, staff, tenTuesdays } from "./client.js";
import { type GroupsService, startGroups } from "./harness.js";

const mandate = mandateInput({ authority: "Maison de justice de Namur", caseReference: "MJ/2026/0101" });

interface Standing {
  enrolment: { id: string; mandate: typeof mandate | null; status: string };
  compliance: { required: number; unexcusedAbsences: number; breached: Array<{ kind: string }> } | null;
}

describe("PUT /v1/enrolments/{id}/mandate", () => {
  let service: GroupsService;
  const clock = new ManualClock("2026-01-10T09:00:00Z");
  let programme: string;
  let victims: string;
  useService((nats) => startGroups(nats, { clock }), {
    started: async (started) => {
      service = started;
      const create = async (overrides: Record<string, unknown>, caller: Caller) =>
        (
          await json<{ id: string }>(
            await service.client.post(
              "/v1/groups",
              groupInput({ schedule: tenTuesdays, ...overrides }),
              caller,
            ),
          )
        ).id;
      programme = await create(
        { kind: "perpetrator", capacity: 1, facilitators: [{ sub: "staff-1" }] },
        staff,
      );
      victims = await create({}, { role: "facilitator", sub: "facilitator-1" });
    },
  });

  const setMandate = (id: string, body: unknown, caller: Caller = staff) =>
    service.client.put(`/v1/enrolments/${id}/mandate`, body, caller);
  async function enrol(groupId: string, personRef: string, caller: Caller = staff, extra = {}) {
    clock.set("2026-01-10T09:00:00Z");
    const response = await service.client.post(
      `/v1/groups/${groupId}/enrolments`,
      { personRef, ...extra },
      caller,
    );
    return (await json<{ id: string; status: string }>(response)).id;
  }
  async function breaches(enrolmentId: string) {
    const rows = await service.database.db.select().from(outbox);
    return rows
      .map((r) => JSON.parse(r.payload) as { type: string })
      .filter((e) => e.type === ComplianceBreached.type)
      .map((e) => ComplianceBreached.envelope.parse(e).data)
      .filter((d) => d.enrolmentId === enrolmentId);
  }

  it("sets a late mandate, evaluates compliance at once, and re-evaluates on every correction", async () => {
    const id = await enrol(programme, "prs_jules00001");
    const sessions = (
      await json<{ items: Array<{ id: string }> }>(
        await service.client.get(`/v1/groups/${programme}/sessions`, staff),
      )
    ).items;
    clock.set("2026-02-20T09:00:00Z");
    for (const n of [0, 1])
      await service.client.put(
        `/v1/sessions/${sessions[n]!.id}/attendance/${id}`,
        { status: "absent" },
        staff,
      );
    await service.client.put(
      `/v1/sessions/${sessions[2]!.id}/attendance/${id}`,
      { status: "present" },
      staff,
    );
    // No mandate yet: nobody to tell, nothing evaluated.
    expect(await breaches(id)).toEqual([]);

    const set = await setMandate(id, mandate);
    expect(set.status).toBe(200);
    const standing = await json<Standing>(set);
    expect(standing.enrolment).toMatchObject({ id, status: "enrolled", mandate });
    expect(standing.compliance).toMatchObject({
      unexcusedAbsences: 2,
      required: 8,
      breached: [{ kind: "warning" }],
    });
    const fired = await breaches(id);
    expect(fired.map((b) => b.step.kind)).toEqual(["warning"]);
    expect(fired[0]!.mandate).toEqual({
      authority: mandate.authority,
      contactEmail: mandate.contactEmail,
      caseReference: mandate.caseReference,
    });

    // The same mandate again changes nothing and announces nothing.
    expect((await setMandate(id, mandate)).status).toBe(200);
    expect(await breaches(id)).toHaveLength(1);

    // The court asks for all ten sessions: 1 attended + 7 to come cannot reach 10.
    const stricter = await json<Standing>(await setMandate(id, { ...mandate, requiredSessions: 10 }));
    expect(stricter.compliance!.breached.map((b) => b.kind).sort()).toEqual(["completion_failed", "warning"]);
    expect((await breaches(id)).map((b) => b.step.kind)).toEqual(["warning", "completion_failed"]);
    // A typo, corrected back: the completion breach clears; the warning stays, announced once.
    const corrected = await json<Standing>(
      await setMandate(id, { ...mandate, caseReference: "MJ/2026/0110" }),
    );
    expect(corrected.compliance!.breached.map((b) => b.kind)).toEqual(["warning"]);
    expect(corrected.enrolment.mandate!.caseReference).toBe("MJ/2026/0110");
    expect(await breaches(id)).toHaveLength(2);

    const report = await json<{ mandate: typeof mandate }>(
      await service.client.get(`/v1/enrolments/${id}/attendance-report`, staff),
    );
    expect(report.mandate.caseReference).toBe("MJ/2026/0110");
    const audit = (await service.database.db.select().from(auditLog)).filter((a) => a.recordId === id);
    expect(audit.map((a) => a.action).filter((a) => a.startsWith("mandate."))).toEqual([
      "mandate.set",
      "mandate.correct",
      "mandate.correct",
      "mandate.correct",
    ]);
  });

  it("keeps the waitlisted out of evaluation and refuses ended enrolments", async () => {
    const waiting = await enrol(programme, "prs_kevin00001");
    const standing = await json<Standing>(await setMandate(waiting, mandate));
    expect(standing).toMatchObject({ enrolment: { status: "waitlisted", mandate }, compliance: null });
    await service.client.post(`/v1/enrolments/${waiting}/withdraw`, { status: "withdrawn" }, staff);
    expect(await problem(await setMandate(waiting, mandate))).toMatchObject({
      status: 409,
      code: "enrolment_ended",
    });
  });

  it("lets only programme staff who see the group set it", async () => {
    const id = await enrol(programme, "prs_leon000001");
    for (const role of ["police", "caseworker", "facilitator", "coordinator", "admin"] as const)
      expect(await problem(await setMandate(id, mandate, { role }))).toMatchObject({ status: 403 });
    expect((await setMandate(id, mandate, { ...staff, org: "org-other" })).status).toBe(404);
    expect((await setMandate("nope", mandate)).status).toBe(404);
    // Someone who runs a victim group and a programme: still no mandate outside a programme.
    const both: Caller = { roles: ["programme_staff", "facilitator"], sub: "facilitator-1" };
    const victim = await enrol(victims, "prs_mila000001", both);
    expect(await problem(await setMandate(victim, mandate, both))).toMatchObject({
      status: 400,
      paths: ["mandate"],
      fieldCodes: ["perpetrator_only"],
    });
  });

  it("names the bad field", async () => {
    const id = await enrol(programme, "prs_nico000001");
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...mandate, contactEmail: "not-an-address" }, "contactEmail"],
      [{ ...mandate, requiredSessions: 0 }, "requiredSessions"],
      [{ ...mandate, deadline: "31/12/2026" }, "deadline"],
      [{ ...mandate, authority: " " }, "authority"],
      [
        {
          contactEmail: mandate.contactEmail,
          caseReference: "x",
          requiredSessions: 3,
          deadline: "2026-12-31",
        },
        "authority",
      ],
    ];
    for (const [body, path] of cases)
      expect(await problem(await setMandate(id, body))).toMatchObject({ status: 400, paths: [path] });
    const notJson = await service.client.call("PUT", `/v1/enrolments/${id}/mandate`, staff, undefined, {
      "content-type": "application/json",
    });
    expect(notJson.status).toBe(400);
  });
});
