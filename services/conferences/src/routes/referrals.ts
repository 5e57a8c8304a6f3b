import { z } from "@hono/zod-openapi";
import { PageQuery, RiskLevel } from "@relais/contracts";
import { guardedRoute, jsonResponse, routeModule } from "@relais/service-kit";
import { listKnownReferrals } from "../actions/list-known-referrals.js";
import type { AppDeps } from "../app.js";

const KnownReferral = z
  .object({
    referralId: z.string(),
    policeZone: z.string(),
    municipality: z.string(),
    riskLevel: RiskLevel,
    receivedAt: z.string(),
  })
  .openapi("KnownReferral");

const listRoute = guardedRoute({
  method: "get",
  path: "/v1/known-referrals",
  summary:
    "Referrals of the organisation that may be put on an agenda (id, zone, municipality, risk), newest first",
  roles: ["coordinator"],
  request: { query: PageQuery.pick({ limit: true }) },
  responses: {
    200: jsonResponse(z.object({ items: z.array(KnownReferral) }), "Referrals"),
  },
});

export function referralRoutes(deps: AppDeps) {
  const { app, context } = routeModule(deps);
  return app.openapi(listRoute, async (c) => {
    const rows = await listKnownReferrals(context(c), c.req.valid("query"));
    return c.json({ items: rows }, 200);
  });
}
