// Who sees which tasks. The zone and teams claims are parsed by the kit (`zoneOf`, `teamsOf`), the
// same way for every service that scopes by them.
import { type AppEnv, Forbidden, principalOf, teamsOf, verbContext } from "@relais/service-kit";
import type { Context } from "hono";
import type { TeamCtx } from "../actions/deps.js";
import type { AppDeps } from "../app.js";
import type { Scope } from "../domain/scope.js";

export { teamsOf, zoneOf } from "@relais/service-kit";

export function scopeOf(c: Context<AppEnv>): Scope {
  if (principalOf(c).roles.includes("coordinator")) return { kind: "organisation" };
  const teams = teamsOf(c);
  if (teams.length === 0) throw new Forbidden("Your token names no call-back team (claim `teams`)");
  return { kind: "teams", teams };
}

/** A verb's context with the tasks the caller may see (not for idempotent routes: see `routeModule(deps).reply`). */
export function teamContext(c: Context<AppEnv>, deps: AppDeps): TeamCtx {
  return { ...verbContext(c, deps), scope: scopeOf(c) };
}
