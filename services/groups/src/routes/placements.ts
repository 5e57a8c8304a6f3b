import { z } from "@hono/zod-openapi";
import { GroupKind, Language, Page, PageQuery } from "@relais/contracts";
import { guardedRoute, jsonResponse, routeModule } from "@relais/service-kit";
import { listPlacements } from "../actions/list-placements.js";
import type { AppDeps } from "../app.js";
import { PersonShape } from "./views.js";

const PlacementView = z
  .object({
    id: z.string(),
    referralId: z.string(),
    ...PersonShape,
    groupKind: GroupKind,
    language: Language,
    municipality: z.string(),
    timeZone: z.string(),
    hasMandate: z.boolean(),
    status: z.enum(["awaiting", "placed"]),
    groupId: z.string().nullable(),
    enrolmentId: z.string().nullable(),
    createdAt: z.string(),
    placedAt: z.string().nullable(),
  })
  .openapi("Placement");

const listRoute = guardedRoute({
  method: "get",
  path: "/v1/placements",
  summary: "People referred for a group: awaiting a place by hand (default), or already placed",
  roles: ["facilitator", "programme_staff", "coordinator"],
  request: {
    query: PageQuery.extend({
      status: z.enum(["awaiting", "placed"]).default("awaiting"),
      kind: GroupKind.optional(),
    }),
  },
  responses: {
    200: jsonResponse(Page(PlacementView), "A page"),
  },
});

export function placementRoutes(deps: AppDeps) {
  const { app, context } = routeModule(deps);
  return app.openapi(listRoute, async (c) => {
    const page = await listPlacements(context(c), c.req.valid("query"));
    return c.json(page, 200);
  });
}
