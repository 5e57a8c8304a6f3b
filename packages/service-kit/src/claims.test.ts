import { SignJWT } from "jose";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { SECRET } from "../test/widgets-app.js";
import { createServiceApp } from "./app.js";
import { hs256Verifier, requireRoles } from "./auth.js";
import { teamsOf, zoneOf } from "./claims.js";

function app() {
  const service = createServiceApp({
    name: "claims",
    version: "0",
    logger: pino({ level: "silent" }),
    verifyToken: hs256Verifier(SECRET),
    readiness: [],
  });
  service.get("/who", requireRoles("caseworker", "police"), (c) =>
    c.json({ teams: teamsOf(c), zone: zoneOf(c) }),
  );
  return service;
}

async function tokenWith(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  return new SignJWT({ org: "org-a", roles: ["caseworker", "police"], ...claims })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("user-1")
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(secret));
}

async function who(claims: Record<string, unknown>) {
  const response = await app().request("/who", {
    headers: { authorization: `Bearer ${await tokenWith(claims)}` },
  });
  return { status: response.status, body: (await response.json()) as { teams: string[]; zone: string } };
}

describe("teamsOf and zoneOf", () => {
  it("reads a caseworker's teams from `teams`, or a single `team`, dropping what is not a name", async () => {
    expect((await who({ teams: ["victims", "", 7, "authors"] })).body.teams).toEqual(["victims", "authors"]);
    expect((await who({ team: "victims" })).body.teams).toEqual(["victims"]);
    expect((await who({ teams: "victims" })).body.teams).toEqual([]);
    expect((await who({})).body.teams).toEqual([]);
  });

  it("never reads the coordinators' queue as a team: only the coordinator role reaches it", async () => {
    expect((await who({ teams: ["coordination", "victims"] })).body.teams).toEqual(["victims"]);
    expect((await who({ team: "coordination" })).body.teams).toEqual([]);
  });

  it("reads a police token's zone, or its subject without one", async () => {
    expect((await who({ zone: " 5277 " })).body.zone).toBe("5277");
    expect((await who({})).body.zone).toBe("user-1");
  });

  it("only ever reads a token the route has verified", async () => {
    const forged = await tokenWith({ teams: ["victims"] }, "another-secret-that-is-also-32-chars!");
    const response = await app().request("/who", { headers: { authorization: `Bearer ${forged}` } });
    expect(response.status).toBe(401);
  });
});
