// The routing table, the role matrix of every route, bad input, and the OpenAPI document.
import { useService } from "@relais/testing";
import { describe, expect, it } from "vitest";
import { loadRoutingSeed } from "../src/db/load-routing-seed.js";
import { seedRoutes } from "../src/db/routing-seed.js";
import { seraingReferral } from "./fixtures.js";
import { call, fileReferral, ORG, startReferrals, tokens } from "./harness.js";

describe("routing table and access", () => {
  const live = useService((nats) => startReferrals(nats), {
    perTest: true,
  });

  it("loads the Belgian projects seed once, with separate victim and author teams", async () => {
    const loaded = await loadRoutingSeed(live.service.database, ORG, new Date());
    expect(loaded).toBe(seedRoutes().length);
    expect(await loadRoutingSeed(live.service.database, ORG, new Date())).toBe(0);
    const coordinator = await tokens.coordinator();
    const names: string[] = [];
    let cursor = "";
    for (;;) {
      const page = await call(
        live.service,
        "GET",
        `/v1/routes?limit=50${cursor ? `&cursor=${cursor}` : ""}`,
        coordinator,
      );
      expect(page.status).toBe(200);
      for (const route of page.body.items) {
        expect(route.victim.team).not.toBe(route.author.team);
        names.push(route.municipality);
      }
      if (!page.body.nextCursor) break;
      cursor = page.body.nextCursor;
    }
    for (const town of [
      "Neupré",
      "Seraing",
      "Liège",
      "Herstal",
      "Namur",
      "Andenne",
      "Verviers",
      "Dison",
      "Chaudfontaine",
      "Bruxelles",
      "Ixelles",
      "Saint-Gilles",
      "Forest",
      "Anderlecht",
      "Mol",
      "Mechelen",
      "Gent",
      "Oostende",
      "Brugge",
      "Roeselare",
      "Genk",
      "Hasselt",
      "Boom",
    ]) {
      expect(names).toContain(town);
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it("lets coordinators change a route, and refuses one team for both roles", async () => {
    const coordinator = await tokens.coordinator();
    // Filed before the change: Arlon has no route yet, and intake now holds that in memory.
    const before = await fileReferral(live.service, seraingReferral({ municipality: "Arlon" }));
    const put = await call(live.service, "PUT", "/v1/routes/Arlon", coordinator, {
      victim: { team: "arlon-victims", teamEmail: "victimes@arlon.example" },
      author: { team: "arlon-authors" },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      municipality: "Arlon",
      victim: { team: "arlon-victims" },
      author: { team: "arlon-authors", teamEmail: null },
    });
    const same = await call(live.service, "PUT", "/v1/routes/Arlon", coordinator, {
      victim: { team: "x" },
      author: { team: "x" },
    });
    expect([same.status, same.body.code, same.body.errors[0].path]).toEqual([
      409,
      "same_team",
      "author.team",
    ]);
    const reserved = await call(live.service, "PUT", "/v1/routes/Arlon", coordinator, {
      victim: { team: "coordination" },
      author: { team: "y" },
    });
    expect(reserved.body.code).toBe("reserved_team");
    // A referral from Arlon now reaches the new teams.
    await fileReferral(live.service, seraingReferral({ municipality: "ARLON" }));
    const queue = await call(
      live.service,
      "GET",
      "/v1/callbacks",
      await tokens.caseworker(["arlon-victims"]),
    );
    expect(queue.body.items.map((t: { team: string }) => t.team)).toEqual(["arlon-victims"]);
    const unrouted = await call(live.service, "GET", "/v1/oversight/unrouted", coordinator);
    expect(
      unrouted.body.items.filter((t: { referralId: string }) => t.referralId === before.id),
    ).toHaveLength(before.persons.filter((p) => p.contactable).length);
  });

  it("answers bad input on every route with a problem naming the field", async () => {
    const coordinator = await tokens.coordinator();
    const cases: Array<[string, string, unknown, string]> = [
      ["GET", "/v1/routes?limit=0", undefined, "limit"],
      ["GET", "/v1/routes?cursor=%%%", undefined, "cursor"],
      ["PUT", "/v1/routes/Arlon", { victim: { team: "Bad Team" }, author: { team: "b" } }, "victim.team"],
      [
        "PUT",
        "/v1/routes/Arlon",
        { victim: { team: "a", teamEmail: "nope" }, author: { team: "b" } },
        "victim.teamEmail",
      ],
      ["PUT", "/v1/routes/Arlon", { victim: { team: "a" } }, "author"],
      ["GET", "/v1/callbacks?status=pending", undefined, "status"],
      ["GET", "/v1/callbacks?role=child", undefined, "role"],
      ["GET", "/v1/callbacks?limit=500", undefined, "limit"],
      ["POST", "/v1/callbacks/x/attempts", { outcome: "maybe", channel: "phone" }, "outcome"],
      ["POST", "/v1/callbacks/x/attempts", { outcome: "reached", channel: "pigeon" }, "channel"],
      ["POST", "/v1/callbacks/x/attempts", { outcome: "reached", channel: "phone", at: "monday" }, "at"],
      ["POST", "/v1/callbacks/x/outcome", { outcome: "declined", declinedBy: "person" }, "reason"],
      ["POST", "/v1/callbacks/x/outcome", { outcome: "postponed" }, "outcome"],
      ["POST", "/v1/callbacks/x/outcome", { outcome: "accepted", group: { kind: "chess" } }, "group.kind"],
      ["PUT", "/v1/police-zones/z/webhook", { url: "https://x.example", extra: 1 }, ""],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await call(
        live.service,
        method,
        path,
        coordinator,
        body,
        method === "POST" ? { "idempotency-key": `${path}${JSON.stringify(body)}` } : {},
      );
      expect(res.status, `${method} ${path} ${field}`).toBe(400);
      expect(res.body.type).toContain("problems/");
      if (field)
        expect(
          res.body.errors.map((e: { path: string }) => e.path),
          `${method} ${path}`,
        ).toContain(field);
    }
    // Unknown ids are 404s, not 500s.
    for (const [method, path, body] of [
      ["POST", "/v1/callbacks/cbk_missing/claim", undefined],
      ["POST", "/v1/callbacks/cbk_missing/attempts", { outcome: "reached", channel: "phone" }],
      ["GET", "/v1/referrals/missing", undefined],
    ] as const) {
      expect(
        (await call(live.service, method, path, coordinator, body, { "idempotency-key": path })).status,
      ).toBe(404);
    }
    // A caseworker token that names no team may not read any queue.
    const teamless = await call(live.service, "GET", "/v1/callbacks", await tokens.caseworker([]));
    expect(teamless.status).toBe(403);
  });

  it("lets each role reach only its routes", async () => {
    const roles = {
      police: await tokens.police(),
      caseworker: await tokens.caseworker(["vif-ment-fini-victims"]),
      coordinator: await tokens.coordinator(),
      facilitator: await tokens.other("facilitator"),
      programme_staff: await tokens.other("programme_staff"),
      admin: await tokens.other("admin"),
    };
    type RoleName = keyof typeof roles;
    const matrix: Array<[string, string, unknown, RoleName[]]> = [
      ["POST", "/v1/referrals", seraingReferral(), ["police"]],
      ["GET", "/v1/referrals/r1/status", undefined, ["police"]],
      ["GET", "/v1/referrals/r1", undefined, ["caseworker", "coordinator"]],
      ["GET", "/v1/callbacks", undefined, ["caseworker", "coordinator"]],
      ["POST", "/v1/callbacks/c1/claim", undefined, ["caseworker", "coordinator"]],
      [
        "POST",
        "/v1/callbacks/c1/attempts",
        { outcome: "reached", channel: "phone" },
        ["caseworker", "coordinator"],
      ],
      [
        "POST",
        "/v1/callbacks/c1/outcome",
        { outcome: "referred_elsewhere", to: "CAW" },
        ["caseworker", "coordinator"],
      ],
      ["GET", "/v1/routes", undefined, ["coordinator"]],
      ["PUT", "/v1/routes/Arlon", { victim: { team: "a" }, author: { team: "b" } }, ["coordinator"]],
      ["PUT", "/v1/police-zones/z/webhook", { url: "https://x.example/h" }, ["coordinator"]],
    ];
    for (const [method, path, body, allowed] of matrix) {
      for (const [role, token] of Object.entries(roles) as Array<[RoleName, string]>) {
        const res = await call(live.service, method, path, token, body, {
          "idempotency-key": `${role}-${path}`,
        });
        if (allowed.includes(role)) expect(res.status, `${role} ${method} ${path}`).not.toBe(403);
        else expect(res.status, `${role} ${method} ${path}`).toBe(403);
      }
      expect((await call(live.service, method, path, null, body)).status, `anonymous ${method} ${path}`).toBe(
        401,
      );
    }
  });

  it("documents every route in the OpenAPI document", async () => {
    const doc = await call(live.service, "GET", "/openapi.json", null);
    expect(Object.keys(doc.body.paths).sort()).toEqual([
      "/v1/audit",
      "/v1/callbacks",
      "/v1/callbacks/{id}/assessments",
      "/v1/callbacks/{id}/assign",
      "/v1/callbacks/{id}/attempts",
      "/v1/callbacks/{id}/claim",
      "/v1/callbacks/{id}/outcome",
      "/v1/callbacks/{id}/release",
      "/v1/criticality-grids",
      "/v1/criticality-grids/current",
      "/v1/criticality-grids/{version}",
      "/v1/dead-letters",
      "/v1/dead-letters/replay",
      "/v1/dead-letters/{id}",
      "/v1/dead-letters/{id}/replay",
      "/v1/directory/partners",
      "/v1/directory/partners/{id}",
      "/v1/directory/partners/{id}/archive",
      "/v1/directory/partners/{id}/restore",
      "/v1/municipalities",
      "/v1/oversight/escalations",
      "/v1/oversight/sla",
      "/v1/oversight/task-announcements",
      "/v1/oversight/unrouted",
      "/v1/police-zones",
      "/v1/police-zones/{zone}/deliveries",
      "/v1/police-zones/{zone}/webhook",
      "/v1/police-zones/{zone}/webhook/test",
      "/v1/referrals",
      "/v1/referrals/lookup",
      "/v1/referrals/{id}",
      "/v1/referrals/{id}/status",
      "/v1/retention",
      "/v1/routes",
      "/v1/routes/{municipality}",
      "/v1/statistics",
    ]);
    expect(doc.body.paths["/v1/callbacks/{id}/attempts"].post.responses["409"].description).toMatch(
      /domain rule/,
    );
  });
});
