import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  type AppEnv,
  bearerSecurity,
  defaultHook,
  IdempotencyKeyHeader,
  idempotency,
  jsonBody,
  jsonResponse,
  ProblemResponses,
  principalOf,
  requireRoles,
  verbContext,
} from "@relais/service-kit";
import {
  type Assessed as AssessedResult,
  assessCriticality,
  listAssessments,
} from "../actions/assess-criticality.js";
import { listGrids, publishGrid, readGrid } from "../actions/criticality-grids.js";
import type { AppDeps } from "../app.js";
import { AssessmentInput } from "../domain/assessment-input.js";
import { Answers, GridDefinition, GridFields } from "../domain/criticality.js";
import { scopeOf } from "./claims.js";

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

const listGridsRoute = createRoute({
  method: "get",
  path: "/v1/criticality-grids",
  summary: "The organisation's criticality grid versions, newest (the current one) first",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator")] as const,
  responses: {
    200: jsonResponse(z.object({ items: z.array(GridSummary) }), "Versions"),
    ...ProblemResponses,
  },
});

const currentGridRoute = createRoute({
  method: "get",
  path: "/v1/criticality-grids/current",
  summary: "The current criticality grid (police read it to answer at intake)",
  security: bearerSecurity,
  middleware: [requireRoles("police", ...staff)] as const,
  responses: { 200: jsonResponse(Grid, "The current version"), ...ProblemResponses },
});

const gridVersionRoute = createRoute({
  method: "get",
  path: "/v1/criticality-grids/{version}",
  summary: "One grid version, current or older (every assessment names the version it used)",
  security: bearerSecurity,
  middleware: [requireRoles(...staff)] as const,
  request: { params: VersionParam },
  responses: { 200: jsonResponse(Grid, "The version"), ...ProblemResponses },
});

const publishRoute = createRoute({
  method: "post",
  path: "/v1/criticality-grids",
  summary: "Publish a new grid version; it becomes the current one, older versions stay readable",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator"), idempotency()] as const,
  request: { headers: IdempotencyKeyHeader, body: jsonBody(GridDefinition) },
  responses: { 201: jsonResponse(Grid, "Published"), ...ProblemResponses },
});

const assessRoute = createRoute({
  method: "post",
  path: "/v1/callbacks/{id}/assessments",
  summary: "Fill the current criticality grid for the task's person; a raised level re-plans and escalates",
  description:
    "The task's team or a coordinator. Score = the sum of the chosen options' weights; level by the grid's thresholds. A level above the task's brings its due time and SLA deadline forward and escalates at once (`referrals.callback.escalated`, the coordinators' escalations); a lower one changes nothing already planned.",
  security: bearerSecurity,
  middleware: [requireRoles(...staff), idempotency()] as const,
  request: { params: IdParam, headers: IdempotencyKeyHeader, body: jsonBody(AssessmentInput) },
  responses: { 201: jsonResponse(Assessed, "Assessed"), ...ProblemResponses },
});

const historyRoute = createRoute({
  method: "get",
  path: "/v1/callbacks/{id}/assessments",
  summary: "The criticality assessments of the task's person, newest first (the police's at intake included)",
  security: bearerSecurity,
  middleware: [requireRoles(...staff)] as const,
  request: { params: IdParam },
  responses: {
    200: jsonResponse(z.object({ items: z.array(Assessment) }), "History"),
    ...ProblemResponses,
  },
});

function presentAssessed({ assessment, task }: AssessedResult) {
  return {
    ...assessment,
    task: { id: task.id, riskLevel: task.riskLevel, dueAt: task.dueAt, slaDeadline: task.slaDeadline },
  };
}

export function criticalityRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  return app
    .openapi(listGridsRoute, async (c) => {
      const items = await listGrids(deps, principalOf(c), c.var.requestId);
      return c.json({ items }, 200);
    })
    .openapi(currentGridRoute, async (c) =>
      c.json(await readGrid(deps, principalOf(c), "current", c.var.requestId), 200),
    )
    .openapi(gridVersionRoute, async (c) =>
      c.json(await readGrid(deps, principalOf(c), c.req.valid("param").version, c.var.requestId), 200),
    )
    .openapi(publishRoute, async (c) => {
      const answer = { status: 201, present: (grid: unknown) => grid };
      const grid = await publishGrid(verbContext(c, deps, answer), c.req.valid("json"));
      return c.json(grid, 201);
    })
    .openapi(assessRoute, async (c) => {
      const answer = { status: 201, present: presentAssessed };
      const assessed = await assessCriticality(
        { ...verbContext(c, deps, answer), scope: scopeOf(c) },
        { taskId: c.req.valid("param").id, input: c.req.valid("json") },
      );
      return c.json(presentAssessed(assessed), 201);
    })
    .openapi(historyRoute, async (c) => {
      const items = await listAssessments(
        deps,
        principalOf(c),
        scopeOf(c),
        c.req.valid("param").id,
        c.var.requestId,
      );
      return c.json({ items }, 200);
    });
}
