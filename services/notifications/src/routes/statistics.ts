import { statisticsRoute } from "@relais/statistics/route";
import type { AppDeps } from "../actions/context.js";
import { readStatistics } from "../actions/read-statistics.js";

export function statisticsRoutes(deps: AppDeps) {
  return statisticsRoute(deps, {
    breakdowns: ["month"],
    summary:
      "Evaluation statistics of the organisation: messages sent and failed per channel, by month; small counts suppressed",
    read: readStatistics,
  });
}
