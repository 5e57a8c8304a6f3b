import { statisticsRoute } from "@relais/statistics/route";
import { readStatistics } from "../actions/read-statistics.js";
import type { AppDeps } from "../app.js";

export function statisticsRoutes(deps: AppDeps) {
  return statisticsRoute(deps, {
    breakdowns: ["month", "municipality"],
    summary:
      "Evaluation statistics of the organisation: placements asked for and made, time from outcome to first session, attendance rate per group kind, programme completion and breaches, by month or municipality; small counts suppressed",
    read: readStatistics,
  });
}
