import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ContactDetails, ContactPreferences } from "@relais/contracts";
import {
  type AppEnv,
  bearerSecurity,
  defaultHook,
  IdempotencyKeyHeader,
  idempotency,
  jsonBody,
  jsonResponse,
  ProblemResponses,
  requireRoles,
  verbContext,
} from "@relais/service-kit";
import type { Context } from "hono";
import { claimCallback } from "../actions/claim-callback.js";
import type { TeamCtx } from "../actions/deps.js";
import { listCallbacks } from "../actions/list-callbacks.js";
import { queueWindows } from "../actions/queue-windows.js";
import { recordAttempt } from "../actions/record-attempt.js";
import { recordOutcome } from "../actions/record-outcome.js";
import { releaseCallback } from "../actions/release-callback.js";
import type { AppDeps } from "../app.js";
import type { TaskRow } from "../db/task-access.js";
import { AttemptInput, CallbackQuery, OutcomeInput } from "../domain/callback-input.js";
import { scopeOf } from "./claims.js";

const CallbackTask = z
  .object({
    id: z.string(),
    referralId: z.string(),
    personRef: z.string(),
    role: z.enum(["victim", "author"]),
    team: z.string(),
    routed: z
      .boolean()
      .openapi({ description: "False when the municipality had no route: coordinators' queue" }),
    riskLevel: z.enum(["high", "medium", "low"]),
    status: z.enum(["open", "closed"]),
    outcome: z.enum(["accepted", "declined", "referred_elsewhere", "unreachable"]).nullable(),
    dueAt: z.string(),
    slaDeadline: z.string(),
    due: z.boolean(),
    overdue: z.boolean(),
    attempts: z.number().int(),
    reachedAt: z.string().nullable(),
    claimedBy: z.string().nullable(),
    claimExpiresAt: z.string().nullable(),
  })
  .openapi("CallbackTask");

const QueueTask = CallbackTask.extend({
  windowOpenNow: z.boolean().openapi({ description: "Whether the person's safe window is open now" }),
  windowOpensAt: z.string().nullable().openapi({ description: "When it next opens; null when open now" }),
  timeZone: z.string().openapi({ description: "The person's IANA zone, for showing times" }),
}).openapi("QueueCallbackTask");

const ClaimedTask = CallbackTask.extend({
  person: z.object({
    displayName: z.string().nullable(),
    language: z.string(),
    timeZone: z.string(),
    contact: ContactDetails,
    preferences: ContactPreferences,
  }),
}).openapi("ClaimedCallbackTask");

function present(task: TaskRow, now: Date): z.infer<typeof CallbackTask> {
  const at = now.toISOString();
  return {
    id: task.id,
    referralId: task.referralId,
    personRef: task.personRef,
    role: task.role,
    team: task.team,
    routed: task.routed,
    riskLevel: task.riskLevel,
    status: task.status,
    outcome: task.outcome,
    dueAt: task.dueAt,
    slaDeadline: task.slaDeadline,
    due: task.status === "open" && task.dueAt <= at,
    overdue: task.status === "open" && !task.reachedAt && task.slaDeadline <= at,
    attempts: task.attempts,
    reachedAt: task.reachedAt,
    claimedBy: task.claimExpiresAt && task.claimExpiresAt > at ? task.claimedBy : null,
    claimExpiresAt: task.claimExpiresAt && task.claimExpiresAt > at ? task.claimExpiresAt : null,
  };
}

const roles = ["caseworker", "coordinator"] as const;
const IdParam = z.object({ id: z.string().min(1).max(64) });

const listRoute = createRoute({
  method: "get",
  path: "/v1/callbacks",
  summary: "The call-back queue: due tasks first, by risk, then by due time",
  description:
    "Caseworkers see their teams' tasks (token claim `teams`); coordinators every task, unrouted ones included.",
  security: bearerSecurity,
  middleware: [requireRoles(...roles)] as const,
  request: { query: CallbackQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(QueueTask), nextCursor: z.string().nullable() }), "A page"),
    ...ProblemResponses,
  },
});

const claimRoute = createRoute({
  method: "post",
  path: "/v1/callbacks/{id}/claim",
  summary: "Take the task for a while (a lease); returns the person's contact details",
  security: bearerSecurity,
  middleware: [requireRoles(...roles)] as const,
  request: { params: IdParam },
  responses: { 200: jsonResponse(ClaimedTask, "Claimed"), ...ProblemResponses },
});

const releaseRoute = createRoute({
  method: "post",
  path: "/v1/callbacks/{id}/release",
  summary: "Give a claimed task back to the queue before the lease runs out (the holder only)",
  security: bearerSecurity,
  middleware: [requireRoles(...roles)] as const,
  request: { params: IdParam },
  responses: { 200: jsonResponse(CallbackTask, "Released"), ...ProblemResponses },
});

function attemptRoute(deps: AppDeps) {
  return createRoute({
    method: "post",
    path: "/v1/callbacks/{id}/attempts",
    summary: "Log a call-back attempt (the caller must hold the claim)",
    security: bearerSecurity,
    middleware: [requireRoles(...roles), idempotency()] as const,
    request: { params: IdParam, headers: IdempotencyKeyHeader, body: jsonBody(AttemptInput) },
    responses: { 201: jsonResponse(CallbackTask, "Logged"), ...ProblemResponses },
  });
}

function outcomeRoute(deps: AppDeps) {
  return createRoute({
    method: "post",
    path: "/v1/callbacks/{id}/outcome",
    summary: "Close the task: accepted (optionally asking for a group place), declined, referred elsewhere",
    security: bearerSecurity,
    middleware: [requireRoles(...roles), idempotency()] as const,
    request: { params: IdParam, headers: IdempotencyKeyHeader, body: jsonBody(OutcomeInput) },
    responses: { 201: jsonResponse(CallbackTask, "Closed"), ...ProblemResponses },
  });
}

export function callbackRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  /** A non-idempotent verb's context: the caller and the tasks they may see. */
  const teamContext = (c: Context<AppEnv>): TeamCtx => ({ ...verbContext(c, deps), scope: scopeOf(c) });
  return app
    .openapi(listRoute, async (c) => {
      const page = await listCallbacks(teamContext(c), c.req.valid("query"));
      const windows = await queueWindows(deps, page.items, page.now);
      const items = page.items.map((t) => ({
        ...present(t, page.now),
        ...(windows.get(t.personRef) ?? {
          windowOpenNow: false,
          windowOpensAt: null,
          timeZone: "Europe/Brussels",
        }),
      }));
      return c.json({ items, nextCursor: page.nextCursor }, 200);
    })
    .openapi(releaseRoute, async (c) => {
      const task = await releaseCallback(teamContext(c), { taskId: c.req.valid("param").id });
      return c.json(present(task, deps.clock.now()), 200);
    })
    .openapi(claimRoute, async (c) => {
      const { task, person } = await claimCallback(teamContext(c), { taskId: c.req.valid("param").id });
      const body = {
        ...present(task, deps.clock.now()),
        person: {
          displayName: person.displayName,
          language: person.row.language,
          timeZone: person.row.timeZone,
          contact: person.contact,
          preferences: person.preferences,
        },
      };
      return c.json(body, 200);
    })
    .openapi(attemptRoute(deps), async (c) => {
      // The answer is stored with the change, so a retried request replays it and never repeats it.
      const now = deps.clock.now();
      const answer = { status: 201, present: (updated: TaskRow) => present(updated, now) };
      const task = await recordAttempt(
        { ...verbContext(c, deps, answer), scope: scopeOf(c) },
        { taskId: c.req.valid("param").id, input: c.req.valid("json") },
      );
      return c.json(present(task, now), 201);
    })
    .openapi(outcomeRoute(deps), async (c) => {
      // The answer is stored with the change, so a retried request replays it and never repeats it.
      const now = deps.clock.now();
      const answer = { status: 201, present: (updated: TaskRow) => present(updated, now) };
      const task = await recordOutcome(
        { ...verbContext(c, deps, answer), scope: scopeOf(c) },
        { taskId: c.req.valid("param").id, input: c.req.valid("json") },
      );
      return c.json(present(task, now), 201);
    });
}
