// How a service declares a route and answers it, the same way everywhere: behind the bearer token
// and the roles it names, documenting every problem it can answer, and, when `idempotent`, with
// the Idempotency-Key header whose stored answer the verb writes in its own transaction.
import { createRoute, OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import type { Role } from "@relais/contracts";
import type { Context, MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./app.js";
import { requireRoles } from "./auth.js";
import { type IdempotencyOptions, idempotency } from "./idempotency.js";
import { bearerSecurity, IdempotencyKeyParameter, ProblemResponses } from "./openapi.js";
import { defaultHook } from "./validation.js";
import { type VerbContext, verbContext } from "./verb.js";

type Declared = Omit<RouteConfig, "security" | "middleware" | "parameters"> & {
  roles: readonly Role[];
  /** `true` (the header required) or the middleware's options. */
  idempotent?: true | IdempotencyOptions;
  /** Runs after the role check and before idempotency (a rate limit). */
  use?: MiddlewareHandler<AppEnv>[];
};

/** A route behind `requireRoles(...roles)`, with the kit's problem responses (a route may override one). */
export function guardedRoute<const R extends Declared>(spec: R) {
  const { roles, idempotent, use = [], ...route } = spec;
  const once = idempotent ? [idempotency(idempotent === true ? {} : idempotent)] : [];
  return createRoute({
    ...route,
    security: bearerSecurity,
    middleware: [requireRoles(...roles), ...use, ...once],
    // The Idempotency-Key is documented as a parameter, not declared in `request.headers`:
    // zod-openapi would then validate it again after `idempotency()` has (its own 400 naming the
    // header, before any validator runs), and to look at that one header its validator builds
    // every request header into a web `Headers` object: ~1 % of an intake's CPU for nothing.
    ...(idempotent ? { parameters: [IdempotencyKeyParameter] } : {}),
    responses: { ...ProblemResponses, ...route.responses } as typeof ProblemResponses & R["responses"],
  });
}

/**
 * What a service's route module is built from, bound once to the service's parts so that handlers
 * stay thin (validate, call a verb, map the result) and never thread `deps` through:
 * - `app`: the sub-app, validating with the kit's hook (400 naming each field);
 * - `context(c)`: the context of a verb the route calls for its caller;
 * - `reply(c, answer, verb)`: answers an idempotent route. The verb runs with the answer `status`
 *   and `present(result)`, which its transaction stores with the effect, so a retried request
 *   replays it and repeats nothing.
 */
export function routeModule<D extends object>(deps: D) {
  return {
    app: new OpenAPIHono<AppEnv>({ defaultHook }),
    context: (c: Context<AppEnv>): VerbContext<D> => verbContext(c, deps),
    reply: async <R, B, S extends ContentfulStatusCode>(
      c: Context<AppEnv>,
      answer: { status: S; present: (result: R) => B },
      verb: (ctx: VerbContext<D>) => Promise<R>,
    ) => {
      const result = await verb(verbContext(c, deps, answer));
      return c.json(answer.present(result), answer.status);
    },
  };
}
