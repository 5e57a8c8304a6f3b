// Claims beyond the kit's Principal (sub, org, roles) that only referrals needs: a police token's
// zone and a caseworker's teams. Read from the bearer token that `requireRoles` has just verified
// for this very request, so decoding its payload again is safe.
import { type AppEnv, Forbidden, principalOf } from "@relais/service-kit";
import type { Context } from "hono";

function verifiedClaims(c: Context<AppEnv>): Record<string, unknown> {
  principalOf(c); // throws unless requireRoles ran and accepted the token
  const token = c.req.header("Authorization")?.trim().split(/\s+/)[1] ?? "";
  const payload = token.split(".")[1] ?? "";
  try {
    return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
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

/** Who sees which tasks: coordinators everything in their organisation, caseworkers their teams'. */
export type Scope = { kind: "organisation" } | { kind: "teams"; teams: string[] };

export function scopeOf(c: Context<AppEnv>): Scope {
  if (principalOf(c).roles.includes("coordinator")) return { kind: "organisation" };
  const teams = teamsOf(c);
  if (teams.length === 0) throw new Forbidden("Your token names no call-back team (claim `teams`)");
  return { kind: "teams", teams };
}
