// Admin entry of a safety separation, for links police did not file (e.g. a later court order).
import { z } from "@hono/zod-openapi";
import { PersonRef, refusal } from "@relais/contracts";
import { guardedRoute, jsonBody, jsonResponse, routeModule } from "@relais/service-kit";
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
  .refine(
    (input) => input.personRef !== input.otherPersonRef,
    refusal("same_person", "A person cannot be kept apart from themselves", ["otherPersonRef"]),
  )
  .openapi("SeparationInput");

const Separation = z
  .object({
    personRef: z.string(),
    otherPersonRef: z.string(),
    referralId: z.string(),
    createdAt: z.string(),
  })
  .openapi("Separation");

const linkRoute = guardedRoute({
  method: "post",
  path: "/v1/separations",
  summary: "Keep two persons apart: never in the same group, nor co-located at overlapping times",
  roles: ["coordinator", "admin"],
  idempotent: true,
  request: { body: jsonBody(SeparationInput) },
  responses: { 201: jsonResponse(Separation, "Recorded (both directions)") },
});

export function separationRoutes(deps: AppDeps) {
  const { app, reply } = routeModule(deps);
  return app.openapi(linkRoute, (c) =>
    reply(c, { status: 201, present: (made: Made) => made }, (ctx) =>
      linkSeparation(ctx, c.req.valid("json")),
    ),
  );
}
