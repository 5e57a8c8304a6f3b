import { z } from "@hono/zod-openapi";
import { guardedRoute, jsonBody, jsonResponse, routeModule } from "@relais/service-kit";
import {
  type Assessed as AssessedResult,
  assessCriticality,
  listAssessments,
} from "../actions/assess-criticality.js";
import { listGrids } from "../actions/list-grids.js";
import { publishGrid } from "../actions/publish-grid.js";
import { readGrid } from "../actions/read-grid.js";
import type { AppDeps } from "../app.js";
import { AssessmentInput } from "../domain/assessment-input.js";
import { Answers, GridDefinition, GridFields } from "../domain/criticality.js";
import type { GridView } from "../domain/grid-view.js";
import { scopeOf, teamContext } from "./claims.js";

const Risk = z.enum(["high", "medium", "low"]);

const Grid = GridFields.extend({
  version: z.number().int(),
  maxScore: z.number().int().openapi({ description: "The highest score this version allows" }),
  publishedAt: z.string(),
}).openapi("CriticalityGrid");

const GridSummary = z
  .object({
    version: z.number().int(),
    title: z.string(),
    publishedAt: z.string(),
    publishedBy: z.string(),
    current: z.boolean(),
  })
  .openapi("CriticalityGridSummary");

const Assessment = z
  .object({
    id: z.string(),
    source: z.enum(["intake", "callback"]).openapi({ description: "intake: the police's answers at filing" }),
    gridVersion: z.number().int(),
    score: z.number().int(),
    riskLevel: Risk,
    previousRiskLevel: Risk.nullable().openapi({ description: "The task's level before; null at intake" }),
    raised: z
      .boolean()
      .openapi({ description: "Whether it raised the task's risk (re-planned and escalated)" }),
    answers: Answers,
    assessedAt: z.string(),
    assessedBy: z.string(),
  })
  .openapi("CriticalityAssessment");

const Assessed = Assessment.extend({
  task: z
    .object({ id: z.string(), riskLevel: Risk, dueAt: z.string(), slaDeadline: z.string() })
    .openapi({ description: "The task after the assessment: re-planned when the level was raised" }),
}).openapi("CriticalityAssessed");

const IdParam = z.object({ id: z.string().min(1).max(64) });
const VersionParam = z.object({ version: z.coerce.number().int().positive().max(1_000_000) });
const staff = ["caseworker", "coordinator"] as const;

const listGridsRoute = guardedRoute({
  method: "get",
  path: "/v1/criticality-grids",
  summary: "The organisation's criticality grid versions, newest (the current one) first",
  roles: ["coordinator"],
  responses: {
    200: jsonResponse(z.object({ items: z.array(GridSummary) }), "Versions"),
  },
});

const currentGridRoute = guardedRoute({
  method: "get",
  path: "/v1/criticality-grids/current",
  summary: "The current criticality grid (police read it to answer at intake)",
  roles: ["police", ...staff],
  responses: { 200: jsonResponse(Grid, "The current version") },
});

const gridVersionRoute = guardedRoute({
  method: "get",
  path: "/v1/criticality-grids/{version}",
  summary: "One grid version, current or older (every assessment names the version it used)",
  roles: staff,
  request: { params: VersionParam },
  responses: { 200: jsonResponse(Grid, "The version") },
});

const publishRoute = guardedRoute({
  method: "post",
  path: "/v1/criticality-grids",
  summary: "Publish a new grid version; it becomes the current one, older versions stay readable",
  roles: ["coordinator"],
  idempotent: true,
  request: { body: jsonBody(GridDefinition) },
  responses: { 201: jsonResponse(Grid, "Published") },
});

const assessRoute = guardedRoute({
  method: "post",
  path: "/v1/callbacks/{id}/assessments",
  summary: "Fill the current criticality grid for the task's person; a raised level re-plans and escalates",
  description:
    "The task's team or a coordinator. Score = the sum of the chosen options' weights; level by the grid's thresholds. A level above the task's brings its due time and SLA deadline forward and escalates at once (`referrals.callback.escalated`, the coordinators' escalations); a lower one changes nothing already planned.",
  roles: staff,
  idempotent: true,
  request: { params: IdParam, body: jsonBody(AssessmentInput) },
  responses: { 201: jsonResponse(Assessed, "Assessed") },
});

const historyRoute = guardedRoute({
  method: "get",
  path: "/v1/callbacks/{id}/assessments",
  summary: "The criticality assessments of the task's person, newest first (the police's at intake included)",
  roles: staff,
  request: { params: IdParam },
  responses: {
    200: jsonResponse(z.object({ items: z.array(Assessment) }), "History"),
  },
});

function presentAssessed({ assessment, task }: AssessedResult) {
  return {
    ...assessment,
    task: { id: task.id, riskLevel: task.riskLevel, dueAt: task.dueAt, slaDeadline: task.slaDeadline },
  };
}

export function criticalityRoutes(deps: AppDeps) {
  const { app, context, reply } = routeModule(deps);
  return app
    .openapi(listGridsRoute, async (c) => c.json({ items: await listGrids(context(c)) }, 200))
    .openapi(currentGridRoute, async (c) => c.json(await readGrid(context(c), { version: "current" }), 200))
    .openapi(gridVersionRoute, async (c) => c.json(await readGrid(context(c), c.req.valid("param")), 200))
    .openapi(publishRoute, (c) =>
      reply(c, { status: 201, present: (grid: GridView) => grid }, (ctx) =>
        publishGrid(ctx, c.req.valid("json")),
      ),
    )
    .openapi(assessRoute, (c) =>
      reply(c, { status: 201, present: presentAssessed }, (ctx) =>
        assessCriticality(
          { ...ctx, scope: scopeOf(c) },
          { taskId: c.req.valid("param").id, input: c.req.valid("json") },
        ),
      ),
    )
    .openapi(historyRoute, async (c) =>
      c.json(
        { items: await listAssessments(teamContext(c, deps), { taskId: c.req.valid("param").id }) },
        200,
      ),
    );
}
