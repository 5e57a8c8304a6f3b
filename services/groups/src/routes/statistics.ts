import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import {
  type AppEnv,
  bearerSecurity,
  defaultHook,
  jsonResponse,
  ProblemResponses,
  principalOf,
  requireRoles,
} from "@relais/service-kit";
import { DEFAULT_STATISTICS, StatisticsReport, statisticsQuery } from "@relais/statistics";
import { readStatistics } from "../actions/read-statistics.js";
import type { AppDeps } from "../app.js";

const StatisticsQuery = statisticsQuery(["month", "municipality"]);

const statisticsRoute = createRoute({
  method: "get",
  path: "/v1/statistics",
  summary:
    "Evaluation statistics of the organisation: placements asked for and made, time from outcome to first session, attendance rate per group kind, programme completion and breaches, by month or municipality; small counts suppressed",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator")] as const,
  request: { query: StatisticsQuery },
  responses: { 200: jsonResponse(StatisticsReport, "The protected figures"), ...ProblemResponses },
});

export function statisticsRoutes(deps: AppDeps) {
  const settings = deps.statistics ?? DEFAULT_STATISTICS;
  return new OpenAPIHono<AppEnv>({ defaultHook }).openapi(statisticsRoute, async (c) =>
    c.json(await readStatistics(deps, principalOf(c), c.req.valid("query"), settings), 200),
  );
}
