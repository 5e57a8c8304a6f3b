import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PageQuery } from "@relais/contracts";
import {
  type AppEnv,
  bearerSecurity,
  defaultHook,
  jsonBody,
  jsonResponse,
  ProblemResponses,
  principalOf,
  requireRoles,
} from "@relais/service-kit";
import { listRoutes, putRoute } from "../actions/routing-table.js";
import type { AppDeps } from "../app.js";
import { MunicipalityParam, RouteInput } from "../domain/route-input.js";

const Team = z.object({ team: z.string(), teamEmail: z.string().nullable() }).nullable();
const Route = z
  .object({
    municipality: z.string(),
    victim: Team,
    author: Team,
    project: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi("Route");

const listRoute = createRoute({
  method: "get",
  path: "/v1/routes",
  summary: "The routing table: municipality → victim team and author team",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator")] as const,
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(Route), nextCursor: z.string().nullable() }), "A page"),
    ...ProblemResponses,
  },
});

const putRouteDef = createRoute({
  method: "put",
  path: "/v1/routes/{municipality}",
  summary: "Set the victim and author teams of a municipality (they must differ)",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator")] as const,
  request: { params: MunicipalityParam, body: jsonBody(RouteInput) },
  responses: { 200: jsonResponse(Route, "Saved"), ...ProblemResponses },
});

export function routingRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  return app
    .openapi(listRoute, async (c) =>
      c.json(await listRoutes(deps, principalOf(c), c.req.valid("query")), 200),
    )
    .openapi(putRouteDef, async (c) => {
      const route = await putRoute(
        deps,
        principalOf(c),
        c.req.valid("param").municipality,
        c.req.valid("json"),
        c.var.requestId,
      );
      return c.json(route, 200);
    });
}
