// Claims beyond the kit's Principal (sub, org, roles) that some routes need: a police token's zone
// and a caseworker's call-back teams. Read from the bearer token that `requireRoles` has just
// verified for this very request, so decoding its payload again is safe. One parser, so that
// referrals (the queue) and notifications (contacts) read a token's teams the same way.
import { COORDINATOR_QUEUE } from "@relais/contracts";
import type { Context } from "hono";
import type { AppEnv } from "./app.js";
import { principalOf } from "./auth.js";

/**
 * Payloads by token: a police records system files every referral with one token, and decoding
 * it again per request was ~0.7 % of an intake's CPU. The payload of a token is the same
 * whenever it is read; whether the token is still accepted is `requireRoles`' question, asked
 * for every request. Frozen, since every request with that token gets the same object.
 */
const decoded = new Map<string, Readonly<Record<string, unknown>>>();
const DECODED_AT_MOST = 1_000;

function verifiedClaims(c: Context<AppEnv>): Readonly<Record<string, unknown>> {
  principalOf(c); // throws unless requireRoles ran and accepted the token
  const token = c.req.header("Authorization")?.trim().split(/\s+/)[1] ?? "";
  const known = decoded.get(token);
  if (known) return known;
  const claims = Object.freeze(decode(token.split(".")[1] ?? ""));
  if (decoded.size >= DECODED_AT_MOST) decoded.delete(decoded.keys().next().value!);
  decoded.set(token, claims);
  return claims;
}

function decode(payload: string): Record<string, unknown> {
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return claims && typeof claims === "object" ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The police zone a token speaks for: its `zone` claim, or its subject when it has none. */
export function zoneOf(c: Context<AppEnv>): string {
  const { zone } = verifiedClaims(c);
  if (typeof zone === "string" && zone.trim() !== "") return zone.trim();
  return principalOf(c).sub;
}

/** The call-back teams a caseworker works for: the `teams` claim (or a single `team`), never the coordinators' queue. */
export function teamsOf(c: Context<AppEnv>): string[] {
  const { teams, team } = verifiedClaims(c);
  const list = Array.isArray(teams) ? teams : typeof team === "string" ? [team] : [];
  // The coordinators' queue holds victims and authors alike: an identity provider's group that
  // happens to bear its name must not open it to a caseworker.
  return list.filter((t): t is string => typeof t === "string" && t !== "" && t !== COORDINATOR_QUEUE);
}
