// The one `GET /v1/statistics` route every service mounts: the coordinator's role, the period and
// breakdown query, the protected report. A service names its breakdowns, says what its figures
// count and gives its read verb; settings come from `deps.statistics` (tests) or the defaults.
import { guardedRoute, jsonResponse, routeModule, type VerbContext } from "@relais/service-kit";
import { periodBounds } from "./periods.js";
import {
  type Breakdown,
  DEFAULT_STATISTICS,
  type StatisticsInput,
  StatisticsReport,
  type StatisticsSettings,
  statisticsQuery,
} from "./report.js";

export function statisticsRoute<
  D extends { statistics?: StatisticsSettings },
  const B extends readonly [Breakdown, ...Breakdown[]],
>(
  deps: D,
  spec: {
    /** The breakdowns the service knows; the first is the default. */
    breakdowns: B;
    /** What the figures count, for the OpenAPI document. */
    summary: string;
    read: (ctx: VerbContext<D>, input: StatisticsInput<B[number]>) => Promise<StatisticsReport>;
  },
) {
  const settings = deps.statistics ?? DEFAULT_STATISTICS;
  const route = guardedRoute({
    method: "get",
    path: "/v1/statistics",
    summary: spec.summary,
    roles: ["coordinator"],
    request: { query: statisticsQuery(spec.breakdowns) },
    responses: { 200: jsonResponse(StatisticsReport, "The protected figures") },
  });
  const { app, context } = routeModule(deps);
  return app.openapi(route, async (c) => {
    const query = c.req.valid("query");
    const period = periodBounds(query.from, query.to, settings.timeZone);
    return c.json(await spec.read(context(c), { query, settings, period }), 200);
  });
}
