// Refused attempts leave a trace a coordinator can read at GET /v1/audit: who (when the token's
// signature holds), which route and record, which status, when.
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { jsonRequest, problemOf, SECRET, token, useWidgetsApp } from "../test/widgets-app.js";
import type { AuditRecord } from "./audit.js";

let widgetId: string;

const kit = useWidgetsApp(async () => {
  const created = await kit.app.request(
    "/v1/widgets",
    jsonRequest({ name: "bolt", size: 1 }, { token: await token(["coordinator"]), key: "w-1" }),
  );
  widgetId = ((await created.json()) as { id: string }).id;
});

const get = (path: string, jwt?: string) =>
  kit.app.request(path, { headers: jwt ? { Authorization: `Bearer ${jwt}` } : {} });

async function deniedOf(org: string, query = ""): Promise<AuditRecord[]> {
  const response = await get(`/v1/audit?outcome=denied${query}`, await token(["coordinator"], { org }));
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: AuditRecord[] }).items;
}

describe("denied attempts", () => {
  it("records a 403 with the caller's subject, roles, route and status", async () => {
    const refused = await kit.app.request(
      "/v1/widgets",
      jsonRequest({ name: "nut", size: 2 }, { token: await token(["caseworker"]), key: "w-2" }),
    );
    expect(refused.status).toBe(403);
    const [entry] = await deniedOf("org-a");
    expect(entry).toMatchObject({
      outcome: "denied",
      actor: { sub: "user-1", roles: ["caseworker"] },
      action: "access.denied",
      route: "POST /v1/widgets",
      status: 403,
      recordType: "widgets",
      recordId: "-",
      requestId: expect.any(String),
    });
    expect(Date.now() - new Date(entry!.at).getTime()).toBeLessThan(60_000);
  });

  it("records another organisation's 404 in that organisation's trail, with the record id", async () => {
    expect(
      (await get(`/v1/widgets/${widgetId}`, await token(["coordinator"], { org: "org-spy" }))).status,
    ).toBe(404);
    const spied = await deniedOf("org-spy");
    expect(spied).toEqual([
      expect.objectContaining({ route: "GET /v1/widgets/:id", status: 404, recordId: widgetId }),
    ]);
    // The owner's trail holds its own refusals only.
    expect((await deniedOf("org-a")).some((e) => e.recordId === widgetId)).toBe(false);
  });

  it("records a former member of staff's expired token under their subject", async () => {
    const old = await new SignJWT({ org: "org-old", roles: ["caseworker"] })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("left-in-june")
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7_200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3_600)
      .sign(new TextEncoder().encode(SECRET));
    const refused = await get(`/v1/widgets/${widgetId}`, old);
    expect(refused.status).toBe(401);
    expect(await problemOf(refused)).toMatchObject({ detail: "Token expired" });
    expect(await deniedOf("org-old")).toEqual([
      expect.objectContaining({
        actor: { sub: "left-in-june", roles: ["caseworker"] },
        route: "GET /v1/widgets/:id",
        status: 401,
        recordId: widgetId,
      }),
    ]);
  });

  it("trusts no claim of a forged or missing token, and ignores paths no route matched", async () => {
    const forged = await token(["coordinator"], { org: "org-forged", secret: "x".repeat(40) });
    expect((await get(`/v1/widgets/${widgetId}`, forged)).status).toBe(401);
    expect((await get(`/v1/widgets/${widgetId}`)).status).toBe(401);
    expect(await deniedOf("org-forged")).toEqual([]);
    const unmatched = await get("/v1/no-such-thing", await token(["coordinator"], { org: "org-typo" }));
    expect(unmatched.status).toBe(404);
    expect(await deniedOf("org-typo")).toEqual([]);
  });
});

describe("GET /v1/audit", () => {
  it("is for coordinators only, and a refused look is itself recorded", async () => {
    expect((await get("/v1/audit", await token(["caseworker"], { org: "org-nosy" }))).status).toBe(403);
    expect((await get("/v1/audit", await token(["admin"], { org: "org-nosy" }))).status).toBe(403);
    expect((await get("/v1/audit")).status).toBe(401);
    expect((await deniedOf("org-nosy")).map((e) => [e.route, e.actor.roles])).toEqual([
      ["GET /v1/audit", ["admin"]],
      ["GET /v1/audit", ["caseworker"]],
    ]);
  });

  it("filters by outcome and period and pages with a cursor", async () => {
    const coordinator = await token(["coordinator"]);
    const all = (await (await get("/v1/audit?limit=200", coordinator)).json()) as { items: AuditRecord[] };
    expect(new Set(all.items.map((e) => e.outcome))).toEqual(new Set(["allowed", "denied"]));
    const allowed = (await (await get("/v1/audit?outcome=allowed", coordinator)).json()) as {
      items: AuditRecord[];
    };
    expect(allowed.items.map((e) => e.action)).toEqual(["widget.created"]);

    const first = (await (await get("/v1/audit?limit=1", coordinator)).json()) as {
      items: AuditRecord[];
      nextCursor: string | null;
    };
    expect(first.items).toHaveLength(1);
    const second = (await (
      await get(`/v1/audit?limit=1&cursor=${encodeURIComponent(first.nextCursor!)}`, coordinator)
    ).json()) as { items: AuditRecord[] };
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect(second.items[0]!.id < first.items[0]!.id).toBe(true);

    const future = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    expect(
      ((await (await get(`/v1/audit?from=${future}`, coordinator)).json()) as { items: unknown[] }).items,
    ).toEqual([]);
    const past = encodeURIComponent("2020-01-01T00:00:00+01:00");
    expect(
      ((await (await get(`/v1/audit?to=${past}`, coordinator)).json()) as { items: unknown[] }).items,
    ).toEqual([]);
  });

  it("names a bad filter", async () => {
    const response = await get("/v1/audit?outcome=maybe&from=yesterday", await token(["coordinator"]));
    expect(response.status).toBe(400);
    const paths = ((await problemOf(response)).errors as Array<{ path: string }>).map((e) => e.path).sort();
    expect(paths).toEqual(["from", "outcome"]);
  });
});
