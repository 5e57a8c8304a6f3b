import { decodeJwt, errors, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { ManualClock } from "./clock.js";
import {
  authHeader,
  expiredToken,
  mintToken,
  staleTokens,
  TEST_JWT_SECRET,
  tokenWithBadSignature,
} from "./tokens.js";

const key = new TextEncoder().encode(TEST_JWT_SECRET);

describe("tokens", () => {
  it("mints an HS256 token with defaults that verifies", async () => {
    const { payload, protectedHeader } = await jwtVerify(await mintToken(), key, { algorithms: ["HS256"] });
    expect(protectedHeader.alg).toBe("HS256");
    expect(payload).toMatchObject({ sub: "user-test", org: "org-test", roles: ["coordinator"] });
    expect(payload.exp! - payload.iat!).toBe(3_600);
    expect(TEST_JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("takes sub, org, a single role, extra claims and a custom lifetime", async () => {
    const token = await mintToken({
      sub: "u-1",
      org: "org-2",
      role: "police",
      expiresIn: "15m",
      claims: { x: 1 },
    });
    const { payload } = await jwtVerify(token, key);
    expect(payload).toMatchObject({ sub: "u-1", org: "org-2", roles: ["police"], x: 1 });
    expect(payload.exp! - payload.iat!).toBe(900);
  });

  it("lines issue time up with a manual clock", async () => {
    const clock = new ManualClock("2025-03-01T10:00:00Z");
    const payload = decodeJwt(await mintToken({ now: clock.now(), roles: ["facilitator", "coordinator"] }));
    expect(payload.iat).toBe(Date.parse("2025-03-01T10:00:00Z") / 1_000);
    expect(payload.roles).toEqual(["facilitator", "coordinator"]);
  });

  it("makes expired and badly signed tokens that fail verification", async () => {
    await expect(jwtVerify(await expiredToken(), key)).rejects.toBeInstanceOf(errors.JWTExpired);
    await expect(jwtVerify(await tokenWithBadSignature(), key)).rejects.toBeInstanceOf(
      errors.JWSSignatureVerificationFailed,
    );
  });

  it("builds a bearer header", () => {
    expect(authHeader("abc")).toEqual({ Authorization: "Bearer abc" });
  });

  it("mints stale tokens whose signature holds and whose claims the services refuse", async () => {
    const stale = await staleTokens({ role: "caseworker", sub: "gone" });
    const now = Date.now() / 1_000;
    const noExpiry = await jwtVerify(stale.noExpiry, key);
    expect(noExpiry.payload.exp).toBeUndefined();
    expect(noExpiry.payload).toMatchObject({ sub: "gone", roles: ["caseworker"] });
    const monthLong = decodeJwt(stale.monthLong);
    expect(monthLong.exp! - monthLong.iat!).toBe(30 * 86_400);
    expect(decodeJwt(stale.issuedInTheFuture).iat!).toBeGreaterThan(now + 3_000);
  });
});
