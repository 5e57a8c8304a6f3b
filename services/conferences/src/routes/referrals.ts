import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { RiskLevel } from "@relais/contracts";
import {
  type AppEnv,
  bearerSecurity,
  defaultHook,
  jsonResponse,
  ProblemResponses,
  principalOf,
  requireRoles,
} from "@relais/service-kit";
import { knownReferrals } from "../actions/read.js";
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

const listRoute = createRoute({
  method: "get",
  path: "/v1/known-referrals",
  summary:
    "Referrals of the organisation that may be put on an agenda (id, zone, municipality, risk), newest first",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator")] as const,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: {
    200: jsonResponse(z.object({ items: z.array(KnownReferral) }), "Referrals"),
    ...ProblemResponses,
  },
});

export function referralRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  return app.openapi(listRoute, async (c) => {
    const rows = await knownReferrals(deps.database.db, principalOf(c).org, c.req.valid("query").limit);
    return c.json({ items: rows }, 200);
  });
}
