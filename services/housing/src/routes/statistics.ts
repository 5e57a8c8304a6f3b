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

const StatisticsQuery = statisticsQuery(["month"]);

const statisticsRoute = createRoute({
  method: "get",
  path: "/v1/statistics",
  summary:
    "Evaluation statistics of emergency housing by month: occupied place-nights by kind and the share of available nights, requests and what became of them, exits and follow-up outcomes; small counts suppressed",
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
