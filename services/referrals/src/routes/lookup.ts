// Coordinators look a referral up by the police's incident reference (a POST, so the reference
// stays out of URLs and request logs); every look-up is audited.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ReferralStatus } from "@relais/contracts";
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
import { lookUpReferral } from "../actions/look-up-referral.js";
import type { AppDeps } from "../app.js";
import { LookupInput } from "../domain/route-input.js";

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
        role: z.enum(["victim", "author"]),
        task: z
          .object({
            id: z.string(),
            team: z.string(),
            status: z.enum(["open", "closed"]),
            outcome: z.string().nullable(),
            slaDeadline: z.string(),
            reachedAt: z.string().nullable(),
            attempts: z.number().int(),
          })
          .nullable(),
      }),
    ),
  })
  .openapi("ReferralMatch");

const lookupRoute = createRoute({
  method: "post",
  path: "/v1/referrals/lookup",
  summary: "Find referrals by incident reference (coordinators; audited, names and contacts left out)",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator")] as const,
  request: { body: jsonBody(LookupInput) },
  responses: {
    200: jsonResponse(z.object({ items: z.array(ReferralMatch) }), "Matches"),
    ...ProblemResponses,
  },
});

export function lookupRoutes(deps: AppDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook }).openapi(lookupRoute, async (c) => {
    const items = await lookUpReferral(
      deps,
      principalOf(c),
      c.req.valid("json").incidentReference,
      c.var.requestId,
    );
    return c.json({ items }, 200);
  });
}
