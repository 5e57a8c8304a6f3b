// Address visibility and access by role, as an attacker would try it: other teams, other
// organisations with the real ids of this one, police, stale tokens. The address of a place may
// appear in one answer only — housing staff's audited GET …/address — and nowhere at rest.
import { readFileSync } from "node:fs";
import { createEvent, PersonPurged } from "@relais/contracts";
import { staleTokens, useService } from "@relais/testing";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, idempotencyKeys, outbox, placements, teamTasks } from "../src/db/schema.js";
import {
  type Caller,
  json,
  ORG,
  OTHER_ORG,
  placeInput,
  problem,
  requestInput,
  staff,
  worker,
} from "./client.js";
import { type HousingService, startHousing } from "./harness.js";

const ADDRESS = "Avenue du Refuge 77, 4020 Liège";

describe("who sees what of a place and a placement", () => {
  let service: HousingService;
  let placeId = "";
  let placementId = "";
  useService((nats) => startHousing(nats), {
    started: async (started) => {
      service = started;
      const place = await service.client.post(
        "/v1/places",
        placeInput({ address: ADDRESS, windows: [{ startsOn: "2026-01-01", endsOn: "2030-01-01" }] }),
        staff,
      );
      placeId = (await json<{ id: string }>(place)).id;
      await service.follow("prs_access00001");
      const asked = await service.client.post(
        "/v1/placements",
        requestInput({ personRef: "prs_access00001", riskLevel: "high" }),
        worker,
      );
      placementId = (await json<{ id: string; status: string }>(asked)).id;
    },
  });

  const paths = () =>
    [
      ["GET", `/v1/places`],
      ["GET", `/v1/places/${placeId}`],
      ["GET", `/v1/places/${placeId}/address`],
      ["GET", `/v1/placements`],
      ["GET", `/v1/placements/${placementId}`],
    ] as const;

  it("shows the address to housing staff only, audits each showing, and keeps it out of every other answer", async () => {
    const shown = await service.client.get(`/v1/places/${placeId}/address`, staff);
    expect(await json(shown)).toEqual({ placeId, address: ADDRESS });
    expect(shown.headers.get("cache-control")).toContain("no-store");
    const audit = await service.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "place.address.read"));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain("Refuge");
    // Housing staff's other answers carry no address either.
    for (const [method, path] of paths().filter(([, p]) => !p.endsWith("/address")))
      expect(await (await service.client.call(method, path, staff)).text(), path).not.toContain("Refuge");

    const outsiders: Array<[string, Caller, number[]]> = [
      ["the requesting caseworker", worker, [403, 200]],
      ["a caseworker of another team", { role: "caseworker", teams: ["vif-authors"] }, [403, 404, 200]],
      ["a coordinator", { role: "coordinator" }, [403, 200]],
      ["police", { role: "police" }, [403]],
      ["a facilitator", { role: "facilitator" }, [403]],
      ["another organisation's housing staff", { role: "housing_staff", org: OTHER_ORG }, [404, 200]],
      ["another organisation's coordinator", { role: "coordinator", org: OTHER_ORG }, [403, 404, 200]],
    ];
    for (const [who, caller, allowed] of outsiders) {
      for (const [method, path] of paths()) {
        const answer = await service.client.call(method, path, caller);
        const body = await answer.text();
        expect(allowed, `${who} ${path} → ${answer.status}`).toContain(answer.status);
        expect(body, `${who} ${path}`).not.toContain("Refuge");
        if (path.endsWith("/address")) expect(answer.status, `${who} ${path}`).not.toBe(200);
        // Which place it is: housing staff of this organisation only.
        if (answer.status === 200) expect(body, `${who} ${path}`).not.toContain(placeId);
      }
    }
    // Another organisation's lists are empty; a caseworker of another team sees nothing.
    for (const caller of [
      { role: "housing_staff", org: OTHER_ORG },
      { role: "caseworker", teams: ["vif-authors"] },
    ] as Caller[])
      expect(
        (await json<{ items: unknown[] }>(await service.client.get("/v1/placements", caller))).items,
      ).toEqual([]);
    expect(
      (
        await json<{ items: unknown[] }>(
          await service.client.get("/v1/places", { role: "housing_staff", org: OTHER_ORG }),
        )
      ).items,
    ).toEqual([]);
    expect(
      (
        await service.client.get(`/v1/placements/${placementId}`, {
          role: "caseworker",
          teams: ["vif-authors"],
        })
      ).status,
    ).toBe(404);
  });

  it("refuses another organisation's housing staff every change on the real records", async () => {
    const other = { role: "housing_staff", org: OTHER_ORG } as const;
    for (const [path, body] of [
      [`/v1/placements/${placementId}/extend`, { plannedEndDate: "2029-01-01" }],
      [`/v1/placements/${placementId}/exit`, { exit: "unknown" }],
      [`/v1/placements/${placementId}/confirm`, {}],
      [`/v1/placements/${placementId}/decline`, { reason: "x" }],
    ] as const)
      expect((await service.client.post(path, body, other)).status, path).toBe(404);
    expect(
      (await service.client.put(`/v1/places/${placeId}/availability`, { windows: [] }, other)).status,
    ).toBe(404);
    expect(
      (
        await service.client.post(
          `/v1/placements/${placementId}/follow-up`,
          { outcome: "lost_contact" },
          { role: "caseworker", teams: ["vif-authors"] },
        )
      ).status,
    ).toBe(404);
    // Another organisation's staff confirming a request on this organisation's place: no such place.
    const theirs = await json<{ id: string }>(
      await service.client.post("/v1/placements", requestInput({ personRef: "prs_theirs00001" }), {
        role: "coordinator",
        org: OTHER_ORG,
      }),
    );
    expect(
      (await service.client.post(`/v1/placements/${theirs.id}/confirm`, { placeId }, other)).status,
    ).toBe(404);
    const row = await service.client.get(`/v1/placements/${placementId}`, staff);
    expect(await json(row)).toMatchObject({ status: "confirmed", exit: null });
  });

  it("refuses stale and exp-less tokens", async () => {
    const tokens = await staleTokens({ role: "housing_staff", org: "org-liege" });
    for (const [kind, token] of Object.entries(tokens)) {
      const answer = await service.client.call("GET", `/v1/places/${placeId}/address`, { token });
      expect(answer.status, kind).toBe(401);
      expect(await answer.text(), kind).not.toContain("Refuge");
    }
  });

  it("does not tell another team, by a 409, that someone has a request or a stay open", async () => {
    const authors = { role: "caseworker", teams: ["vif-authors"] } as const;
    // In one family a person can be the victim of one incident and the author of another, so two
    // teams may follow them; the second team still must not learn of the first one's request.
    await service.follow("prs_access00001", { team: "vif-authors", role: "author", referralId: "ref-2" });
    const theirs = requestInput({ personRef: "prs_access00001", team: "vif-authors" });
    const asked = await service.client.post("/v1/placements", theirs, authors);
    expect(asked.status).toBe(201);
    const body = await json<{ id: string; personRef: string }>(asked);
    expect(body.id).not.toBe(placementId);
    // The team that asked first still hears of its own open stay; housing staff see both requests.
    const again = await service.client.post(
      "/v1/placements",
      requestInput({ personRef: "prs_access00001" }),
      worker,
    );
    expect(await problem(again)).toMatchObject({ status: 409, code: "placement_open" });
    const mine = await service.client.post("/v1/placements", theirs, authors);
    expect(await problem(mine)).toMatchObject({ status: 409, code: "placement_open" });
    const seen = await json<{ items: Array<{ id: string }> }>(
      await service.client.get("/v1/placements", staff),
    );
    expect(seen.items.map((p) => p.id)).toEqual(expect.arrayContaining([placementId, body.id]));
  });

  it("lets a caseworker ask for a place only for a person their team follows", async () => {
    const VICTIM = "prs_victim00001";
    const AUTHOR = "prs_author00001";
    const authors = { role: "caseworker", teams: ["vif-authors"] } as const;
    // One referral: the victims' team calls her back, the authors' team him.
    await service.follow(VICTIM, { referralId: "ref-family" });
    await service.follow(AUTHOR, { team: "vif-authors", role: "author", referralId: "ref-family" });
    const refusal = async (personRef: string, caller: Caller, key?: string) => {
      const answer = await service.client.post(
        "/v1/placements",
        requestInput({ personRef, riskLevel: "high", householdSize: 1 }),
        caller,
        key ? { "idempotency-key": key } : undefined,
      );
      const body = await problem(answer);
      expect(body).toMatchObject({
        status: 409,
        code: "person_not_followed",
        paths: ["personRef"],
        fieldCodes: ["not_followed"],
      });
      return { code: body.code, detail: body.detail, paths: body.paths };
    };
    const placementsOf = (personRef: string) =>
      service.database.db.select().from(placements).where(eq(placements.personRef, personRef));

    // The author's team, with the victim's real reference: refused, with the very answer a made-up
    // reference gets, so it learns nothing; no request is written and nobody is told anything.
    const events = (await service.database.db.select().from(outbox)).length;
    const real = await refusal(VICTIM, authors);
    expect(await refusal("prs_madeup00001", authors)).toEqual(real);
    // Another organisation with a team of the same name, and this organisation's real reference.
    await refusal(VICTIM, { role: "caseworker", teams: ["vif-victims"], org: OTHER_ORG });
    expect(await placementsOf(VICTIM)).toEqual([]);
    expect((await service.database.db.select().from(outbox)).length).toBe(events);

    // A task closed long ago no longer lets its team ask; one closed yesterday still does.
    await service.follow("prs_former00001", { team: "vif-authors", closedAt: "2020-01-01T09:00:00.000Z" });
    await refusal("prs_former00001", authors);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    await service.follow("prs_recent00001", { team: "vif-authors", closedAt: yesterday });
    const recent = await service.client.post(
      "/v1/placements",
      requestInput({ personRef: "prs_recent00001" }),
      authors,
    );
    expect(recent.status).toBe(201);

    // A refusal is not remembered under its key: once referrals' task reaches housing, the same
    // request with the same key goes through.
    const LATE = "prs_lateknown01";
    await refusal(LATE, worker, "key-late-task");
    await service.follow(LATE);
    const retried = await service.client.post("/v1/placements", requestInput({ personRef: LATE }), worker, {
      "idempotency-key": "key-late-task",
    });
    expect(retried.status).toBe(201);

    // The victims' team asks for her; so may a coordinator, for anyone of the organisation.
    const hers = await service.client.post(
      "/v1/placements",
      requestInput({ personRef: VICTIM, householdSize: 1 }),
      worker,
    );
    expect(hers.status).toBe(201);
    const anyone = await service.client.post(
      "/v1/placements",
      requestInput({ personRef: "prs_walkedin0001" }),
      { role: "coordinator" },
    );
    expect(anyone.status).toBe(201);

    // Once referrals purges the author, housing forgets which team followed him.
    await service.publish(
      createEvent(PersonPurged, {
        orgId: ORG,
        source: "referrals",
        data: { personRef: AUTHOR, referralId: "ref-family" },
      }),
    );
    expect(await service.database.db.select().from(teamTasks).where(eq(teamTasks.personRef, AUTHOR))).toEqual(
      [],
    );
    await refusal(AUTHOR, authors);
  });

  it("keeps the address out of stored answers, events and the database file in clear", async () => {
    const answers = await service.database.db.select().from(idempotencyKeys);
    expect(answers.length).toBeGreaterThan(0);
    expect(JSON.stringify(answers)).not.toContain("Refuge");
    const events = await service.database.db.select().from(outbox);
    expect(events.map((e) => e.subject)).toContain("housing.placement.confirmed");
    expect(JSON.stringify(events)).not.toContain("Refuge");
    const file = service.database.url.replace(/^file:/, "");
    for (const suffix of ["", "-wal"]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file + suffix);
      } catch {
        continue;
      }
      expect(bytes.includes(Buffer.from("Refuge")), `${file}${suffix}`).toBe(false);
    }
  });
});
