// Admin entry of a safety separation, for links police did not file (e.g. a later court order).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PersonRef } from "@relais/contracts";
import {
  type AppEnv,
  bearerSecurity,
  defaultHook,
  IdempotencyKeyHeader,
  idempotency,
  jsonBody,
  jsonResponse,
  ProblemResponses,
  requireRoles,
  verbContext,
} from "@relais/service-kit";
import { linkSeparation, type Separation as Made } from "../actions/link-separation.js";
import type { AppDeps } from "../app.js";

const SeparationInput = z
  .object({
    personRef: PersonRef,
    otherPersonRef: PersonRef,
    referralId: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .openapi({ description: "The referral or order behind it" }),
  })
  .refine((input) => input.personRef !== input.otherPersonRef, {
    message: "A person cannot be kept apart from themselves",
    path: ["otherPersonRef"],
  })
  .openapi("SeparationInput");

const Separation = z
  .object({
    personRef: z.string(),
    otherPersonRef: z.string(),
    referralId: z.string(),
    createdAt: z.string(),
  })
  .openapi("Separation");

function linkRoute(deps: AppDeps) {
  return createRoute({
    method: "post",
    path: "/v1/separations",
    summary: "Keep two persons apart: never in the same group, nor co-located at overlapping times",
    security: bearerSecurity,
    middleware: [requireRoles("coordinator", "admin"), idempotency()] as const,
    request: { headers: IdempotencyKeyHeader, body: jsonBody(SeparationInput) },
    responses: { 201: jsonResponse(Separation, "Recorded (both directions)"), ...ProblemResponses },
  });
}

export function separationRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  return app.openapi(linkRoute(deps), async (c) => {
    const answer = { status: 201, present: (made: Made) => made };
    const link = await linkSeparation(verbContext(c, deps, answer), c.req.valid("json"));
    return c.json(link, 201);
  });
}
