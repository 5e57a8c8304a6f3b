// Bearer tokens in the shape service-kit verifies (HS256; claims sub, org, roles), minted with jose
// directly so tests do not depend on the kit's own signer.
import type { Role } from "@relais/contracts";
import { SignJWT } from "jose";

/** The secret services under test are configured with. Never valid outside tests. */
export const TEST_JWT_SECRET = "relais-test-only-jwt-secret-do-not-use-in-production";
export const TEST_ORG = "org-test";
export const TEST_SUB = "user-test";

export interface MintTokenOptions {
  secret?: string;
  sub?: string;
  org?: string;
  /** Defaults to `["coordinator"]`, or `[role]` when `role` is given. */
  roles?: readonly Role[];
  role?: Role;
  /** Seconds from `now`, or a span such as `"90s"`, `"15m"`, `"1h"`, `"7d"`. Default `"1h"`. */
  expiresIn?: number | string;
  /** Issue time; pass `clock.now()` to line tokens up with a ManualClock. */
  now?: Date;
  /** Extra or overriding claims, e.g. `{ roles: ["not-a-role"] }` for rejection tests. */
  claims?: Record<string, unknown>;
}

export async function mintToken(options: MintTokenOptions = {}): Promise<string> {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1_000);
  const roles = options.roles ?? (options.role ? [options.role] : ["coordinator"]);
  const expiresIn = options.expiresIn ?? "1h";
  return (
    new SignJWT({ org: options.org ?? TEST_ORG, roles, ...options.claims })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(options.sub ?? TEST_SUB)
      .setIssuedAt(now)
      // Absolute, so `exp` follows `now` (jose would count a relative span from the real time).
      .setExpirationTime(now + toSeconds(expiresIn))
      .sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET))
  );
}

/** Issued two hours ago, expired one hour ago. */
export function expiredToken(options: Omit<MintTokenOptions, "expiresIn"> = {}): Promise<string> {
  const now = options.now ?? new Date();
  return mintToken({ ...options, now: new Date(now.getTime() - 2 * 3_600_000), expiresIn: 3_600 });
}

/**
 * Stale tokens of the kinds a former member of staff might still hold, each refused by the
 * services (docs/security.md): one that never expires, one that lives a month, one minted an
 * hour "in the future". Signed with the right secret, so only the claims are wrong.
 */
export async function staleTokens(
  options: Omit<MintTokenOptions, "expiresIn" | "now"> = {},
): Promise<Record<"noExpiry" | "monthLong" | "issuedInTheFuture", string>> {
  const now = Math.floor(Date.now() / 1_000);
  const roles = options.roles ?? (options.role ? [options.role] : ["coordinator"]);
  const noExpiry = await new SignJWT({ org: options.org ?? TEST_ORG, roles, ...options.claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(options.sub ?? TEST_SUB)
    .setIssuedAt(now)
    .sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
  return {
    noExpiry,
    monthLong: await mintToken({ ...options, expiresIn: "30d" }),
    issuedInTheFuture: await mintToken({ ...options, now: new Date((now + 3_600) * 1_000), expiresIn: "1h" }),
  };
}

/** Well-formed and unexpired, but signed with a different secret. */
export function tokenWithBadSignature(options: Omit<MintTokenOptions, "secret"> = {}): Promise<string> {
  return mintToken({ ...options, secret: `${TEST_JWT_SECRET}-but-wrong` });
}

export function authHeader(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };

function toSeconds(span: number | string): number {
  if (typeof span === "number") return span;
  const match = /^(-?\d+)\s*([smhd])$/.exec(span.trim());
  if (!match) throw new Error(`mintToken: expiresIn "${span}" is not like "90s", "15m", "1h" or "7d"`);
  return Number(match[1]) * UNIT_SECONDS[match[2]!]!;
}
