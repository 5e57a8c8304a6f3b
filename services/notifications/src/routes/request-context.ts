import { type AppEnv, principalOf } from "@relais/service-kit";
import type { Context } from "hono";
import type { AppDeps, RequestContext } from "../actions/context.js";

/** What a route hands its verb: the service's parts and the authenticated caller. */
export function requestContext(deps: AppDeps, c: Context<AppEnv>): RequestContext {
  return {
    database: deps.database,
    box: deps.box,
    clock: deps.clock,
    settings: deps.settings,
    principal: principalOf(c),
    requestId: c.var.requestId,
  };
}
