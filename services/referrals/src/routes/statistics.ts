import { statisticsRoute } from "@relais/statistics/route";
import { readStatistics } from "../actions/read-statistics.js";
import type { AppDeps } from "../app.js";

export function statisticsRoutes(deps: AppDeps) {
  return statisticsRoute(deps, {
    breakdowns: ["month", "zone", "municipality", "riskLevel"],
    summary:
      "Evaluation statistics of the organisation: referrals filed, consent, routing, call-back outcomes and time to first contact, by month, police zone, municipality or risk level; small counts suppressed",
    read: readStatistics,
  });
}
