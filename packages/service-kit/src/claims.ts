// Claims beyond the kit's Principal (sub, org, roles) that some routes need: a police token's zone
// and a caseworker's call-back teams. Read from the bearer token that `requireRoles` has just
// verified for this very request, so decoding its payload again is safe. One parser, so that
// referrals (the queue) and notifications (contacts) read a token's teams the same way.
import type { Context } from "hono";
import type { AppEnv } from "./app.js";
import { principalOf } from "./auth.js";

function verifiedClaims(c: Context<AppEnv>): Record<string, unknown> {
  principalOf(c); // throws unless requireRoles ran and accepted the token
  const token = c.req.header("Authorization")?.trim().split(/\s+/)[1] ?? "";
  const payload = token.split(".")[1] ?? "";
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

/** The call-back teams a caseworker works for: the `teams` claim (or a single `team`). */
export function teamsOf(c: Context<AppEnv>): string[] {
  const { teams, team } = verifiedClaims(c);
  const list = Array.isArray(teams) ? teams : typeof team === "string" ? [team] : [];
  return list.filter((t): t is string => typeof t === "string" && t !== "");
}
