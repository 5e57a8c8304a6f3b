// Police-facing reads beyond a single status: the zone's own list, and the municipality names
// the intake form suggests.
import { z } from "@hono/zod-openapi";
import { Page, PageQuery, ReferralStatus } from "@relais/contracts";
import { guardedRoute, jsonResponse, routeModule } from "@relais/service-kit";
import { listMunicipalities } from "../actions/municipalities.js";
import { listZoneFeedback } from "../actions/zone-feedback.js";
import type { AppDeps } from "../app.js";
import { zoneOf } from "./claims.js";

const ZoneReferral = z
  .object({
    id: z.string(),
    incidentReference: z.string().openapi({ description: "The zone's own reference, as filed" }),
    status: ReferralStatus,
    firstContactAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("ZoneReferral");

const listRoute = guardedRoute({
  method: "get",
  path: "/v1/referrals",
  summary: "The referrals this police zone filed: status and date of first contact only, newest first",
  roles: ["police"],
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(Page(ZoneReferral), "A page"),
  },
});

const municipalitiesRoute = guardedRoute({
  method: "get",
  path: "/v1/municipalities",
  summary: "Municipality names the routing table knows, for suggestions (names only)",
  roles: ["police", "coordinator"],
  request: {
    query: z.object({
      q: z.string().trim().max(80).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(20),
    }),
  },
  responses: { 200: jsonResponse(z.object({ items: z.array(z.string()) }), "Names") },
});

export function zoneFeedbackRoutes(deps: AppDeps) {
  const { app, context } = routeModule(deps);
  return app
    .openapi(listRoute, async (c) =>
      c.json(await listZoneFeedback(context(c), { zoneId: zoneOf(c), query: c.req.valid("query") }), 200),
    )
    .openapi(municipalitiesRoute, async (c) =>
      c.json(await listMunicipalities(context(c), c.req.valid("query")), 200),
    );
}
