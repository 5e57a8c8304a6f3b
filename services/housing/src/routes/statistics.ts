import { guardedRoute, jsonResponse, principalOf, routeApp } from "@relais/service-kit";
import { DEFAULT_STATISTICS, StatisticsReport, statisticsQuery } from "@relais/statistics";
import { readStatistics } from "../actions/read-statistics.js";
import type { AppDeps } from "../app.js";

const StatisticsQuery = statisticsQuery(["month"]);

const statisticsRoute = guardedRoute({
  method: "get",
  path: "/v1/statistics",
  summary:
    "Evaluation statistics of emergency housing by month: occupied place-nights by kind and the share of available nights, requests and what became of them, exits and follow-up outcomes; small counts suppressed",
  roles: ["coordinator"],
  request: { query: StatisticsQuery },
  responses: { 200: jsonResponse(StatisticsReport, "The protected figures") },
});

export function statisticsRoutes(deps: AppDeps) {
  const settings = deps.statistics ?? DEFAULT_STATISTICS;
  return routeApp().openapi(statisticsRoute, async (c) =>
    c.json(await readStatistics(deps, principalOf(c), c.req.valid("query"), settings), 200),
  );
}
