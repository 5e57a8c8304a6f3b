import { z } from "@hono/zod-openapi";
import { Page, PageQuery } from "@relais/contracts";
import { guardedRoute, jsonBody, jsonResponse, routeModule } from "@relais/service-kit";
import { listRoutes } from "../actions/list-routes.js";
import { putRoute } from "../actions/put-route.js";
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

const listRoute = guardedRoute({
  method: "get",
  path: "/v1/routes",
  summary: "The routing table: municipality → victim team and author team",
  roles: ["coordinator"],
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(Page(Route), "A page"),
  },
});

const putRouteDef = guardedRoute({
  method: "put",
  path: "/v1/routes/{municipality}",
  summary: "Set the victim and author teams of a municipality (they must differ)",
  roles: ["coordinator"],
  request: { params: MunicipalityParam, body: jsonBody(RouteInput) },
  responses: { 200: jsonResponse(Route, "Saved") },
});

export function routingRoutes(deps: AppDeps) {
  const { app, context } = routeModule(deps);
  return app
    .openapi(listRoute, async (c) => c.json(await listRoutes(context(c), c.req.valid("query")), 200))
    .openapi(putRouteDef, async (c) => {
      const input = { municipality: c.req.valid("param").municipality, input: c.req.valid("json") };
      return c.json(await putRoute(context(c), input), 200);
    });
}
