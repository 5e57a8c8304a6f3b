// Who sees which tasks. The zone and teams claims are parsed by the kit (`zoneOf`, `teamsOf`), the
// same way for every service that scopes by them.
import { type AppEnv, Forbidden, principalOf, teamsOf } from "@relais/service-kit";
import type { Context } from "hono";
import type { Scope } from "../domain/scope.js";

export { teamsOf, zoneOf } from "@relais/service-kit";

export function scopeOf(c: Context<AppEnv>): Scope {
  if (principalOf(c).roles.includes("coordinator")) return { kind: "organisation" };
  const teams = teamsOf(c);
  if (teams.length === 0) throw new Forbidden("Your token names no call-back team (claim `teams`)");
  return { kind: "teams", teams };
}
