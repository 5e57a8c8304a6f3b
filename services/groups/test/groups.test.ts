import { SessionChanged } from "@relais/contracts";
import { ManualClock, useService } from "@relais/testing";
import { describe, expect, it } from "vitest";
import { auditLog, outbox } from "../src/db/schema.js";
import { groupInput, json, problem } from "./client.js";
import { startGroups } from "./harness.js";

describe("groups CRUD, roles and visibility", () => {
  const live = useService((nats) => startGroups(nats, { clock: new ManualClock("2026-01-10T09:00:00Z") }));

  it("creates a group with its sessions, reads it, lists it and changes it", async () => {
    const { client } = live.service;
    const created = await client.post("/v1/groups", groupInput(), {
      role: "facilitator",
      sub: "facilitator-1",
    });
    expect(created.status).toBe(201);
    const group = await json<{ id: string; schedule: { rrule: string }; seats: unknown }>(created);
    expect(group.schedule.rrule).toBe("FREQ=WEEKLY;BYDAY=TU;UNTIL=20261124T170000Z");
    expect(group.seats).toEqual({ enrolled: 0, waitlisted: 0 });

    const read = await client.get(`/v1/groups/${group.id}`, { role: "facilitator", sub: "facilitator-1" });
    expect(read.status).toBe(200);

    const changed = await client.patch(
      `/v1/groups/${group.id}`,
      { capacity: 12, publicName: "Groupe du mardi" },
      { role: "coordinator" },
    );
    expect(changed.status).toBe(200);
    expect(await json(changed)).toMatchObject({ capacity: 12, publicName: "Groupe du mardi", sequence: 1 });
    // A new name is what participants' calendars show: the series is re-sent from the next session on.
    const [event] = (await live.service.database.db.select().from(outbox)).map((row) =>
      SessionChanged.envelope.parse(JSON.parse(row.payload)),
    );
    expect(event?.data).toMatchObject({
      groupId: group.id,
      scope: "following",
      series: { publicName: "Groupe du mardi", sequence: 1 },
    });
  });

  it("shows facilitators only their groups, programme staff only perpetrator groups, coordinators all", async () => {
    const { client } = live.service;
    const mine = await json<{ id: string }>(
      await client.post("/v1/groups", groupInput({ kind: "parent", language: "nl" }), {
        role: "facilitator",
        sub: "facilitator-2",
      }),
    );
    const programme = await json<{ id: string }>(
      await client.post(
        "/v1/groups",
        groupInput({
          kind: "perpetrator",
          admission: "closed",
          capacity: 9,
          facilitators: [{ sub: "staff-1" }],
        }),
        { role: "programme_staff", sub: "staff-1" },
      ),
    );
    const ids = async (caller: Parameters<typeof client.get>[1], query = "") =>
      (
        await json<{ items: Array<{ id: string }> }>(await client.get(`/v1/groups${query}`, caller))
      ).items.map((g) => g.id);

    const facilitator2 = await ids({ role: "facilitator", sub: "facilitator-2" });
    expect(facilitator2).toEqual([mine.id]);
    expect(await ids({ role: "programme_staff", sub: "staff-9" })).toEqual([programme.id]);
    const all = await ids({ role: "coordinator" });
    expect(all).toContain(mine.id);
    expect(all).toContain(programme.id);
    expect(await ids({ role: "coordinator" }, "?kind=parent&language=nl")).toEqual([mine.id]);
    expect(await ids({ role: "coordinator" }, "?facilitator=staff-1")).toEqual([programme.id]);
    expect(await ids({ role: "coordinator" }, "?municipality=Liège")).toEqual([]);
    expect(await ids({ role: "coordinator", org: "org-other" })).toEqual([]);

    // Paging walks every group once.
    const first = await json<{ items: unknown[]; nextCursor: string }>(
      await client.get("/v1/groups?limit=1", { role: "coordinator" }),
    );
    expect(first.items).toHaveLength(1);
    const second = await json<{ items: unknown[] }>(
      await client.get(`/v1/groups?limit=50&cursor=${first.nextCursor}`, { role: "coordinator" }),
    );
    expect(second.items).toHaveLength(all.length - 1);

    // Hidden groups are 404, never 403: their existence is not disclosed.
    expect(
      (await client.get(`/v1/groups/${programme.id}`, { role: "facilitator", sub: "facilitator-2" })).status,
    ).toBe(404);
    expect((await client.get(`/v1/groups/${mine.id}`, { role: "programme_staff" })).status).toBe(404);
    expect(
      (await client.get(`/v1/groups/${mine.id}`, { role: "coordinator", org: "org-other" })).status,
    ).toBe(404);
    expect(
      (
        await client.patch(
          `/v1/groups/${mine.id}`,
          { capacity: 3 },
          { role: "coordinator", org: "org-other" },
        )
      ).status,
    ).toBe(404);
  });

  it("refuses police, caseworkers and the wrong kind for a role with 403", async () => {
    const { client } = live.service;
    for (const role of ["police", "caseworker"] as const) {
      expect((await problem(await client.get("/v1/groups", { role }))).status).toBe(403);
      expect((await problem(await client.post("/v1/groups", groupInput(), { role }))).status).toBe(403);
      expect((await problem(await client.get("/v1/groups/x", { role }))).status).toBe(403);
      expect((await problem(await client.patch("/v1/groups/x", { capacity: 2 }, { role }))).status).toBe(403);
    }
    expect(
      (
        await problem(
          await client.post("/v1/groups", groupInput({ kind: "perpetrator" }), { role: "facilitator" }),
        )
      ).status,
    ).toBe(403);
    expect(
      (await problem(await client.post("/v1/groups", groupInput(), { role: "programme_staff" }))).status,
    ).toBe(403);
    expect((await live.service.app.request("/v1/groups")).status).toBe(401);
  });

  it.each([
    [{ kind: "book_club" }, "kind"],
    [{ capacity: 0 }, "capacity"],
    [{ language: "de" }, "language"],
    [{ location: { kind: "online", url: "not a url" } }, "location.url"],
    [{ facilitators: [] }, "facilitators"],
    [{ compliancePolicy: { steps: [], completionRatio: 0.8 } }, "compliancePolicy"],
    [{ schedule: { ...groupInput().schedule, timeZone: "Europe/Atlantis" } }, "schedule.timeZone"],
    [{ schedule: { ...groupInput().schedule, rrule: "FREQ=WEEKLY;BYDAY=TU" } }, "schedule.rrule"],
    [{ schedule: { ...groupInput().schedule, rrule: "FREQ=SOMETIMES;COUNT=3" } }, "schedule.rrule"],
    [{ schedule: { ...groupInput().schedule, dtstart: "tuesday" } }, "schedule.dtstart"],
    [{ schedule: { ...groupInput().schedule, durationMinutes: 0 } }, "schedule.durationMinutes"],
  ])("rejects a group with %j naming %s", async (overrides, path) => {
    const response = await live.service.client.post("/v1/groups", groupInput(overrides), {
      role: "coordinator",
    });
    const body = await problem(response);
    expect(body.status).toBe(400);
    expect(body.paths).toContain(path);
  });

  it("rejects bad patches, queries and a missing Idempotency-Key naming the field", async () => {
    const { client } = live.service;
    const group = await json<{ id: string }>(
      await client.post("/v1/groups", groupInput(), { role: "coordinator" }),
    );
    expect(
      (await problem(await client.patch(`/v1/groups/${group.id}`, {}, { role: "coordinator" }))).status,
    ).toBe(400);
    expect(
      (await problem(await client.patch(`/v1/groups/${group.id}`, { capacity: -1 }, { role: "coordinator" })))
        .paths,
    ).toEqual(["capacity"]);
    expect(
      (
        await problem(
          await client.patch(
            `/v1/groups/${group.id}`,
            { compliancePolicy: { steps: [], completionRatio: 1 } },
            { role: "coordinator" },
          ),
        )
      ).paths,
    ).toEqual(["compliancePolicy"]);
    expect((await problem(await client.get("/v1/groups?kind=nope", { role: "coordinator" }))).paths).toEqual([
      "kind",
    ]);
    expect((await problem(await client.get("/v1/groups?cursor=zzz", { role: "coordinator" }))).paths).toEqual(
      ["cursor"],
    );
    const noKey = await client.call("POST", "/v1/groups", { role: "coordinator" }, groupInput(), {
      "idempotency-key": "",
    });
    expect((await problem(noKey)).status).toBe(400);
  });

  it("replays a create sent twice with one Idempotency-Key", async () => {
    const { client } = live.service;
    const headers = { "idempotency-key": "create-once" };
    const a = await client.call("POST", "/v1/groups", { role: "coordinator" }, groupInput(), headers);
    const b = await client.call("POST", "/v1/groups", { role: "coordinator" }, groupInput(), headers);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    expect((await json<{ id: string }>(a)).id).toBe((await json<{ id: string }>(b)).id);
  });

  it("lists every route with its schemas in the OpenAPI document", async () => {
    const doc = await json<{
      paths: Record<
        string,
        Record<
          string,
          {
            responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
            requestBody?: unknown;
          }
        >
      >;
    }>(await live.service.app.request("/openapi.json"));
    const routes = [
      ["post", "/v1/groups"],
      ["get", "/v1/groups"],
      ["get", "/v1/groups/{id}"],
      ["patch", "/v1/groups/{id}"],
      ["get", "/v1/groups/{id}/sessions"],
      ["patch", "/v1/sessions/{id}"],
      ["post", "/v1/sessions/{id}/cancel"],
      ["post", "/v1/groups/{id}/enrolments"],
      ["get", "/v1/groups/{id}/enrolments"],
      ["post", "/v1/enrolments/{id}/withdraw"],
      ["put", "/v1/enrolments/{id}/mandate"],
      ["put", "/v1/sessions/{id}/attendance/{enrolmentId}"],
      ["get", "/v1/sessions/{id}/attendance"],
      ["get", "/v1/enrolments/{id}/attendance"],
      ["get", "/v1/enrolments/{id}/attendance-report"],
      ["get", "/v1/placements"],
      ["post", "/v1/separations"],
      ["get", "/v1/statistics"],
      ["get", "/v1/check-ins"],
      ["post", "/v1/check-ins/{id}/resolve"],
      ["get", "/v1/dead-letters"],
    ] as const;
    for (const [method, path] of routes) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      const ok = Object.entries(operation!.responses).find(([status]) => status.startsWith("2"))!;
      if (ok[0] !== "204") expect(ok[1].content, `${method} ${path} response schema`).toBeDefined();
      expect(operation!.responses["403"], `${method} ${path} documents 403`).toBeDefined();
      if ((method === "post" || method === "put" || method === "patch") && !path.endsWith("/resolve"))
        expect(operation!.requestBody, `${method} ${path} body`).toBeDefined();
    }
    const audited = await live.service.database.db.select().from(auditLog);
    expect(audited.some((row) => row.action === "group.create")).toBe(true);
  });
});
