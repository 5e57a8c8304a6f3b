import { statisticsRoute } from "@relais/statistics/route";
import { readStatistics } from "../actions/read-statistics.js";
import type { AppDeps } from "../app.js";

export function statisticsRoutes(deps: AppDeps) {
  return statisticsRoute(deps, {
    breakdowns: ["month"],
    summary:
      "Evaluation statistics of emergency housing by month: occupied place-nights by kind and the share of available nights, requests and what became of them, exits and follow-up outcomes; small counts suppressed",
    read: readStatistics,
  });
}
