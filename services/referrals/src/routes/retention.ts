// Upcoming retention purges and past ones, as counts by month (coordinators).
import { z } from "@hono/zod-openapi";
import { guardedRoute, jsonResponse, routeModule } from "@relais/service-kit";
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

const outlookRoute = guardedRoute({
  method: "get",
  path: "/v1/retention",
  summary: "Upcoming and past retention purges: counts only",
  roles: ["coordinator"],
  responses: { 200: jsonResponse(RetentionOutlook, "Counts by month") },
});

export function retentionRoutes(deps: AppDeps) {
  const { app, context } = routeModule(deps);
  return app.openapi(outlookRoute, async (c) => c.json(await retentionOutlook(context(c)), 200));
}
