// Upcoming retention purges and past ones, as counts by month (coordinators).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  type AppEnv,
  bearerSecurity,
  defaultHook,
  jsonResponse,
  ProblemResponses,
  principalOf,
  requireRoles,
} from "@relais/service-kit";
import { retentionOutlook } from "../actions/retention-outlook.js";
import type { AppDeps } from "../app.js";

const MonthCount = z.object({
  month: z.string().openapi({ description: "YYYY-MM (UTC)" }),
  referrals: z.number().int(),
  persons: z.number().int(),
});

const RetentionOutlook = z
  .object({
    retentionDays: z.number().int(),
    nextPurgeAt: z.string().nullable(),
    upcoming: z
      .array(MonthCount)
      .openapi({ description: "Settled referrals by the month they will be purged" }),
    purged: z.array(MonthCount).openapi({ description: "What retention purged, by month" }),
  })
  .openapi("RetentionOutlook");

const outlookRoute = createRoute({
  method: "get",
  path: "/v1/retention",
  summary: "Upcoming and past retention purges: counts only",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator")] as const,
  responses: { 200: jsonResponse(RetentionOutlook, "Counts by month"), ...ProblemResponses },
});

export function retentionRoutes(deps: AppDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook }).openapi(outlookRoute, async (c) =>
    c.json(await retentionOutlook(deps, principalOf(c)), 200),
  );
}
