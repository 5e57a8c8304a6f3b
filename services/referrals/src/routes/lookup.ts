// Coordinators look a referral up by the police's incident reference (a POST, so the reference
// stays out of URLs and request logs); every look-up is audited.
import { z } from "@hono/zod-openapi";
import { ReferralStatus } from "@relais/contracts";
import { guardedRoute, jsonBody, jsonResponse, routeModule } from "@relais/service-kit";
import { lookUpReferral } from "../actions/look-up-referral.js";
import type { AppDeps } from "../app.js";
import { LookupInput } from "../domain/route-input.js";
import { PersonRole, TaskSummary } from "./views.js";

const ReferralMatch = z
  .object({
    id: z.string(),
    incidentReference: z.string(),
    policeZone: z.string(),
    municipality: z.string(),
    riskLevel: z.enum(["high", "medium", "low"]),
    status: ReferralStatus,
    createdAt: z.string(),
    firstContactAt: z.string().nullable(),
    persons: z.array(
      z.object({
        personRef: z.string(),
        role: PersonRole,
        task: TaskSummary.extend({
          slaDeadline: z.string(),
          reachedAt: z.string().nullable(),
          attempts: z.number().int(),
        }).nullable(),
      }),
    ),
  })
  .openapi("ReferralMatch");

const lookupRoute = guardedRoute({
  method: "post",
  path: "/v1/referrals/lookup",
  summary: "Find referrals by incident reference (coordinators; audited, names and contacts left out)",
  roles: ["coordinator"],
  request: { body: jsonBody(LookupInput) },
  responses: {
    200: jsonResponse(z.object({ items: z.array(ReferralMatch) }), "Matches"),
  },
});

export function lookupRoutes(deps: AppDeps) {
  const { app, context } = routeModule(deps);
  return app.openapi(lookupRoute, async (c) =>
    c.json({ items: await lookUpReferral(context(c), c.req.valid("json")) }, 200),
  );
}
