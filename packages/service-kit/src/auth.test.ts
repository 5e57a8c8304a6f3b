import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemOf, SECRET, token, useWidgetsApp } from "../test/widgets-app.js";
import { hs256Verifier, jwksVerifier, rememberVerified, signDevToken, type TokenVerifier } from "./auth.js";
import { verifierFromConfig } from "./config.js";
import { Unauthorized } from "./errors.js";

describe("rememberVerified", () => {
  it("checks a token's signature once, and again after its exp or the ttl, never a refused one", async () => {
    let clock = Date.now();
    let checks = 0;
    const inner = hs256Verifier(SECRET);
    const counting: TokenVerifier = (jwt) => {
      checks += 1;
      return inner(jwt);
    };
    const verify = rememberVerified(counting, { ttlMs: 60_000, now: () => clock });
    const jwt = await signDevToken({
      secret: SECRET,
      sub: "u",
      org: "o",
      roles: ["police"],
      expiresIn: "2m",
    });
    const first = await verify(jwt);
    expect(await verify(jwt)).toEqual(first);
    expect(checks).toBe(1);
    // What a caller does to its principal never reaches the remembered one.
    const mine = await verify(jwt);
    mine.roles.push("admin");
    mine.org = "elsewhere";
    expect(await verify(jwt)).toEqual({ sub: "u", org: "o", roles: ["police"] });
    expect(checks).toBe(1);
    clock += 61_000; // past the ttl: verified again
    await verify(jwt);
    expect(checks).toBe(2);
    // Past exp, the verifier decides (jose reads the real clock, so it still accepts here: what
    // matters is that it was asked).
    clock += 120_000;
    await verify(jwt);
    expect(checks).toBe(3);
    const forged = `${jwt.slice(0, -4)}AAAA`;
    await expect(verify(forged)).rejects.toBeInstanceOf(Unauthorized);
    await expect(verify(forged)).rejects.toBeInstanceOf(Unauthorized);
    expect(checks).toBe(5);
  });

  it("refuses a remembered token once it has expired", async () => {
    const verify = rememberVerified(hs256Verifier(SECRET, { clockSkewSeconds: 0 }));
    // Two seconds ahead so that a loaded machine cannot cross exp before the first check.
    const exp = Math.floor(Date.now() / 1000) + 2;
    const jwt = await signDevToken({
      secret: SECRET,
      sub: "u",
      org: "o",
      roles: ["police"],
      expiresIn: exp,
    });
    await expect(verify(jwt)).resolves.toMatchObject({ sub: "u" });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp * 1000 - Date.now()) + 100));
    await expect(verify(jwt)).rejects.toBeInstanceOf(Unauthorized);
  });
});

describe("hs256Verifier", () => {
  const verify = hs256Verifier(SECRET);

  it("returns the principal of a valid token", async () => {
    const principal = await verify(await token(["caseworker", "coordinator"]));
    expect(principal).toEqual({ sub: "user-1", org: "org-a", roles: ["caseworker", "coordinator"] });
  });

  it("drops unknown roles", async () => {
    const jwt = await new SignJWT({ org: "org-a", roles: ["caseworker", "superuser"] })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("user-1")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(SECRET));
    expect((await verify(jwt)).roles).toEqual(["caseworker"]);
  });

  it.each([
    ["no valid role", { org: "org-a", roles: ["superuser"] }, "user-1"],
    ["roles not a list", { org: "org-a", roles: "coordinator" }, "user-1"],
    ["no organisation", { roles: ["coordinator"] }, "user-1"],
    ["no subject", { org: "org-a", roles: ["coordinator"] }, undefined],
  ])("rejects a token with %s", async (_, claims, sub) => {
    let jwt = new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setExpirationTime("1h");
    if (sub) jwt = jwt.setSubject(sub);
    await expect(verify(await jwt.sign(new TextEncoder().encode(SECRET)))).rejects.toBeInstanceOf(
      Unauthorized,
    );
  });

  it("rejects an unsigned token", async () => {
    const header = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    const payload = Buffer.from(JSON.stringify({ sub: "x", org: "org-a", roles: ["admin"] })).toString(
      "base64url",
    );
    await expect(verify(`${header}.${payload}.`)).rejects.toBeInstanceOf(Unauthorized);
  });

  it("checks issuer and audience when asked", async () => {
    const strict = hs256Verifier(SECRET, { issuer: "relais", audience: "groups" });
    await expect(strict(await token(["admin"]))).rejects.toBeInstanceOf(Unauthorized);
    const good = await signDevToken({
      secret: SECRET,
      sub: "u",
      org: "o",
      roles: ["admin"],
      issuer: "relais",
      audience: "groups",
    });
    expect((await strict(good)).roles).toEqual(["admin"]);
  });
});

describe("token lifetime and clock skew", () => {
  const verify = hs256Verifier(SECRET);
  const now = () => Math.floor(Date.now() / 1_000);
  const sign = (times: { iat?: number; nbf?: number; exp?: number }) => {
    let jwt = new SignJWT({ org: "org-a", roles: ["coordinator"] })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("u");
    if (times.iat !== undefined) jwt = jwt.setIssuedAt(times.iat);
    if (times.nbf !== undefined) jwt = jwt.setNotBefore(times.nbf);
    if (times.exp !== undefined) jwt = jwt.setExpirationTime(times.exp);
    return jwt.sign(new TextEncoder().encode(SECRET));
  };
  const refusal = async (jwt: Promise<string>) => {
    const error = await verify(await jwt).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Unauthorized);
    return (error as Unauthorized).detail;
  };

  it("refuses a token without exp, which would never expire", async () => {
    expect(await refusal(sign({ iat: now() }))).toBe("Token has no expiry (exp)");
  });

  it("refuses a lifetime over 12 h by default, and accepts exactly 12 h", async () => {
    expect(await refusal(sign({ iat: now(), exp: now() + 12 * 3_600 + 60 }))).toBe(
      "Token lifetime exceeds 43200 seconds",
    );
    // Without iat the lifetime is counted from now.
    expect(await refusal(sign({ exp: now() + 30 * 86_400 }))).toBe("Token lifetime exceeds 43200 seconds");
    // An old token of a long lifetime is refused even though little of it is left.
    expect(await refusal(sign({ iat: now() - 6 * 86_400, exp: now() + 600 }))).toBe(
      "Token lifetime exceeds 43200 seconds",
    );
    expect((await verify(await sign({ iat: now(), exp: now() + 12 * 3_600 }))).sub).toBe("u");
  });

  it("takes the maximum lifetime from the configuration", async () => {
    const short = hs256Verifier(SECRET, { maxLifetimeSeconds: 900 });
    await expect(short(await sign({ iat: now(), exp: now() + 3_600 }))).rejects.toBeInstanceOf(Unauthorized);
    expect((await short(await sign({ iat: now(), exp: now() + 900 }))).sub).toBe("u");
  });

  it("refuses iat or nbf more than 60 s in the future, and allows a small skew", async () => {
    expect(await refusal(sign({ iat: now() + 120, exp: now() + 3_600 }))).toBe(
      "Token issued in the future (iat)",
    );
    expect(await refusal(sign({ iat: now(), nbf: now() + 120, exp: now() + 3_600 }))).toBe(
      "Token not valid yet (nbf)",
    );
    expect((await verify(await sign({ iat: now() + 30, nbf: now() + 30, exp: now() + 3_600 }))).sub).toBe(
      "u",
    );
    const strict = hs256Verifier(SECRET, { clockSkewSeconds: 0 });
    await expect(strict(await sign({ iat: now() + 30, exp: now() + 3_600 }))).rejects.toBeInstanceOf(
      Unauthorized,
    );
  });

  it("takes both limits from JWT_MAX_LIFETIME and JWT_CLOCK_SKEW", async () => {
    const configured = verifierFromConfig({
      JWT_SECRET: SECRET,
      JWT_MAX_LIFETIME: 600,
      JWT_CLOCK_SKEW: 5,
    });
    await expect(configured(await sign({ iat: now(), exp: now() + 3_600 }))).rejects.toBeInstanceOf(
      Unauthorized,
    );
    await expect(configured(await sign({ iat: now() + 30, exp: now() + 300 }))).rejects.toBeInstanceOf(
      Unauthorized,
    );
    expect((await configured(await sign({ iat: now(), exp: now() + 300 }))).sub).toBe("u");
  });
});

describe("jwksVerifier", () => {
  let server: Server;
  let url: string;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

  beforeAll(async () => {
    const pair = await generateKeyPair("ES256");
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "ES256", use: "sig" };
    server = createServer((_, res) => {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sign = (claims: Record<string, unknown>, issuer = "https://idp.example") =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: "k1" })
      .setSubject("officer-7")
      .setIssuer(issuer)
      .setExpirationTime("5m")
      .sign(privateKey);

  it("verifies a token signed by a key from the JWKS", async () => {
    const verify = jwksVerifier({ url, issuer: "https://idp.example" });
    const principal = await verify(await sign({ org: "zone-5339", roles: ["police"] }));
    expect(principal).toEqual({ sub: "officer-7", org: "zone-5339", roles: ["police"] });
  });

  it("rejects the wrong issuer", async () => {
    const verify = jwksVerifier({ url, issuer: "https://idp.example" });
    await expect(
      verify(await sign({ org: "z", roles: ["police"] }, "https://evil.example")),
    ).rejects.toBeInstanceOf(Unauthorized);
  });

  it("rejects an HS256 token signed with some secret", async () => {
    const verify = jwksVerifier({ url });
    await expect(verify(await token(["admin"]))).rejects.toBeInstanceOf(Unauthorized);
  });

  it("trusts both the secret and the JWKS when configured with both, each for its own algorithm", async () => {
    const verify = verifierFromConfig({ JWT_SECRET: SECRET, JWKS_URL: url });
    expect((await verify(await token(["admin"]))).roles).toEqual(["admin"]);
    expect((await verify(await sign({ org: "o", roles: ["police"] }))).roles).toEqual(["police"]);
    // An HS256 token is never checked against the JWKS, nor an ES256 one against the secret.
    const forged = await new SignJWT({ org: "o", roles: ["admin"] })
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .setSubject("x")
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("another-secret-that-is-long-enough-000"));
    await expect(verify(forged)).rejects.toBeInstanceOf(Unauthorized);
    await expect(verify("not-a-token")).rejects.toBeInstanceOf(Unauthorized);
  });
});

describe("requireRoles", () => {
  const kit = useWidgetsApp();

  const create = (authorization?: string) =>
    kit.app.request("/v1/widgets", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Idempotency-Key": crypto.randomUUID(),
        ...(authorization ? { Authorization: authorization } : {}),
      },
      body: JSON.stringify({ name: "bolt", size: 1 }),
    });

  it("answers a missing token with 401 and a Bearer challenge", async () => {
    const response = await create();
    expect(response.status).toBe(401);
    expect(response.headers.get("WWW-Authenticate")).toBe("Bearer");
    expect(await problemOf(response)).toMatchObject({ code: "unauthorized", status: 401 });
  });

  it("answers another scheme with 401", async () => {
    const response = await create("Basic dXNlcjpwYXNz");
    expect(response.status).toBe(401);
    await problemOf(response);
  });

  it("answers a bad signature with 401", async () => {
    const response = await create(`Bearer ${await token(["coordinator"], { secret: "x".repeat(40) })}`);
    expect(response.status).toBe(401);
    expect(response.headers.get("WWW-Authenticate")).toContain('error="invalid_token"');
    expect(await problemOf(response)).toMatchObject({ detail: "Invalid token" });
  });

  it("answers an expired token with 401", async () => {
    const expired = await token(["coordinator"], { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    const response = await create(`Bearer ${expired}`);
    expect(response.status).toBe(401);
    expect(await problemOf(response)).toMatchObject({ detail: "Token expired" });
  });

  it("answers a valid token without the role with 403", async () => {
    const response = await create(`Bearer ${await token(["police", "caseworker"])}`);
    expect(response.status).toBe(403);
    expect(await problemOf(response)).toMatchObject({ code: "forbidden" });
  });

  it("lets a caller with one of the roles through", async () => {
    const response = await create(`bearer ${await token(["police", "coordinator"])}`);
    expect(response.status).toBe(201);
  });

  it("hides another organisation's rows behind a 404", async () => {
    const created = await create(`Bearer ${await token(["coordinator"])}`);
    const { id } = (await created.json()) as { id: string };
    const mine = await kit.app.request(`/v1/widgets/${id}`, {
      headers: { Authorization: `Bearer ${await token(["caseworker"])}` },
    });
    expect(mine.status).toBe(200);
    const theirs = await kit.app.request(`/v1/widgets/${id}`, {
      headers: { Authorization: `Bearer ${await token(["coordinator"], { org: "org-b" })}` },
    });
    expect(theirs.status).toBe(404);
    expect(await problemOf(theirs)).toMatchObject({ code: "not_found" });
  });
});
