import { createEvent, EnrolmentConfirmed, SupportRequested } from "@relais/contracts";
import { ManualClock, useService, waitFor } from "@relais/testing";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { outbox, placements } from "../src/db/schema.js";
import { coordinator, groupInput, json, ORG, problem } from "./client.js";
import { type GroupsService, startGroups } from "./harness.js";

interface Placement {
  id: string;
  personRef: string;
  status: string;
  groupId: string | null;
  enrolmentId: string | null;
  hasMandate: boolean;
}

type Request = z.input<typeof SupportRequested.data>;

describe("placements from referrals.support.requested", () => {
  let service: GroupsService;
  useService((nats) => startGroups(nats, { clock: new ManualClock("2026-01-10T09:00:00Z") }), {
    started: async (started) => {
      service = started;
      service.runner.start();
    },
  });

  async function newGroup(overrides: Record<string, unknown>) {
    return (
      await json<{ id: string }>(await service.client.post("/v1/groups", groupInput(overrides), coordinator))
    ).id;
  }
  async function request(data: Partial<Request> & { personRef: string }) {
    const event = createEvent(SupportRequested, {
      orgId: ORG,
      source: "referrals",
      data: {
        referralId: `ref-${data.personRef}`,
        role: "victim",
        groupKind: "victim_peer",
        language: "fr",
        municipality: "Seraing",
        timeZone: "Europe/Brussels",
        ...data,
      },
    });
    const js = await service.bus.jetstream();
    await js.publish(event.type, new TextEncoder().encode(JSON.stringify(event)), { msgID: event.id });
    return event;
  }
  async function placementOf(personRef: string) {
    await waitFor(
      async () =>
        (await service.database.db.select().from(placements)).some((p) => p.personRef === personRef),
      { timeoutMs: 10_000, message: `placement of ${personRef}` },
    );
    const rows = await service.database.db.select().from(placements);
    return rows.filter((p) => p.personRef === personRef);
  }

  it("offers a matching group with a free seat before a full one, once however often it is asked", async () => {
    const full = await newGroup({ capacity: 1, municipality: "Seraing" });
    await service.client.post(
      `/v1/groups/${full}/enrolments`,
      { personRef: "prs_seated0001" },
      { role: "facilitator", sub: "facilitator-1" },
    );
    const free = await newGroup({ capacity: 5, municipality: "Seraing" });
    await newGroup({ capacity: 5, municipality: "Seraing", language: "nl" });

    const event = await request({
      personRef: "prs_asked00001",
      sealed: service.sealForGroups.seal({ displayName: "Nadia" }, SupportRequested.type),
    });
    const [placed] = await placementOf("prs_asked00001");
    // The name arrives sealed for groups and is kept on the placement, as DESIGN allows.
    expect(placed).toMatchObject({ status: "placed", groupId: free, displayName: "Nadia" });
    // The same request again (a new event) does not place the person twice.
    const js = await service.bus.jetstream();
    await js.publish(
      event.type,
      new TextEncoder().encode(JSON.stringify({ ...event, id: "0190a3b4-0000-7000-8000-000000000001" })),
      {
        msgID: "again",
      },
    );
    await request({ personRef: "prs_marker0001" });
    await placementOf("prs_marker0001");
    expect(await placementOf("prs_asked00001")).toHaveLength(1);

    const confirmed = (await service.database.db.select().from(outbox))
      .map((r) => JSON.parse(r.payload) as { type: string })
      .filter((e) => e.type === EnrolmentConfirmed.type)
      .map((e) => EnrolmentConfirmed.envelope.parse(e))
      .find((e) => e.data.personRef === "prs_asked00001");
    expect(confirmed?.data).toMatchObject({ groupId: free, language: "fr" });
    // notifications has the person from the referral: the enrolment event names no one.
    expect(confirmed?.data.sealed).toBeUndefined();
    expect(JSON.stringify(confirmed)).not.toContain("Nadia");

    const listed = await json<{ items: Placement[] }>(
      await service.client.get("/v1/placements?status=placed", coordinator),
    );
    expect(listed.items.map((p) => p.personRef)).toContain("prs_asked00001");
  });

  it("waitlists when every matching group is full, and carries a mandate into a perpetrator programme", async () => {
    const full = await newGroup({ capacity: 1, municipality: "Herstal" });
    await request({ personRef: "prs_herstal001", municipality: "Herstal" });
    expect((await placementOf("prs_herstal001"))[0]).toMatchObject({ status: "placed", groupId: full });
    await request({ personRef: "prs_herstal002", municipality: "Herstal" });
    const [second] = await placementOf("prs_herstal002");
    const waiting = await json<{ items: Array<{ id: string; status: string; position: number }> }>(
      await service.client.get(`/v1/groups/${full}/enrolments?status=waitlisted`, {
        role: "facilitator",
        sub: "facilitator-1",
      }),
    );
    expect(waiting.items).toEqual([expect.objectContaining({ id: second!.enrolmentId, position: 1 })]);

    const programme = await newGroup({
      kind: "perpetrator",
      admission: "closed",
      capacity: 9,
      municipality: "Herstal",
    });
    const mandate = {
      authority: "Maison de justice de Liège",
      contactEmail: "mj@example.org",
      caseReference: "MJ/2026/7",
      requiredSessions: 20,
      deadline: "2026-12-31",
    };
    await request({
      personRef: "prs_author0009",
      role: "author",
      groupKind: "perpetrator",
      municipality: "Herstal",
      mandate,
    });
    const [placed] = await placementOf("prs_author0009");
    expect(placed).toMatchObject({ status: "placed", groupId: programme });
    const enrolments = await json<{ items: Array<{ personRef: string; mandate: unknown; source: string }> }>(
      await service.client.get(`/v1/groups/${programme}/enrolments`, { role: "programme_staff" }),
    );
    expect(enrolments.items).toEqual([
      expect.objectContaining({ personRef: "prs_author0009", mandate, source: "placement" }),
    ]);
  });

  it("lists people no group fits for the right staff, who place them by hand", async () => {
    await request({ personRef: "prs_nomatch001", language: "nl", municipality: "Visé", groupKind: "parent" });
    await placementOf("prs_nomatch001");
    const awaiting = await json<{ items: Placement[] }>(
      await service.client.get("/v1/placements", { role: "facilitator", sub: "facilitator-1" }),
    );
    const entry = awaiting.items.find((p) => p.personRef === "prs_nomatch001")!;
    expect(entry).toMatchObject({ status: "awaiting", groupId: null, hasMandate: false });
    expect(
      (
        await json<{ items: Placement[] }>(
          await service.client.get("/v1/placements", { role: "programme_staff" }),
        )
      ).items,
    ).toEqual([]);

    const group = await newGroup({ kind: "parent", language: "nl", municipality: "Wezet" });
    const enrol = (caller = { role: "facilitator", sub: "facilitator-1" } as const) =>
      service.client.post(`/v1/groups/${group}/enrolments`, { placementId: entry.id }, caller);
    const placed = await enrol();
    expect(placed.status).toBe(201);
    expect(await json(placed)).toMatchObject({
      personRef: "prs_nomatch001",
      source: "placement",
      language: "nl",
    });
    expect((await problem(await enrol())).code).toBe("already_placed");
    const after = await json<{ items: Placement[] }>(
      await service.client.get("/v1/placements?status=placed&kind=parent", coordinator),
    );
    expect(after.items.find((p) => p.id === entry.id)).toMatchObject({ status: "placed", groupId: group });
  });

  it("refuses police and caseworkers, hides other organisations, and names bad query fields", async () => {
    for (const role of ["police", "caseworker"] as const)
      expect((await service.client.get("/v1/placements", { role })).status).toBe(403);
    expect(
      (
        await json<{ items: unknown[] }>(
          await service.client.get("/v1/placements?status=placed", { role: "coordinator", org: "org-other" }),
        )
      ).items,
    ).toEqual([]);
    expect(await problem(await service.client.get("/v1/placements?status=lost", coordinator))).toMatchObject({
      status: 400,
      paths: ["status"],
    });
    expect(
      await problem(await service.client.get("/v1/placements?kind=book_club", coordinator)),
    ).toMatchObject({ status: 400, paths: ["kind"] });
    expect(await problem(await service.client.get("/v1/placements?cursor=@@", coordinator))).toMatchObject({
      status: 400,
      paths: ["cursor"],
    });
  });
});
