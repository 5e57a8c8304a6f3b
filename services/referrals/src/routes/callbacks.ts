import { z } from "@hono/zod-openapi";
import { ContactDetails, ContactPreferences, Page } from "@relais/contracts";
import { guardedRoute, jsonBody, jsonResponse, routeModule } from "@relais/service-kit";
import { claimCallback } from "../actions/claim-callback.js";
import { listCallbacks } from "../actions/list-callbacks.js";
import { queueWindows } from "../actions/queue-windows.js";
import { recordAttempt } from "../actions/record-attempt.js";
import { recordOutcome } from "../actions/record-outcome.js";
import { releaseCallback } from "../actions/release-callback.js";
import type { AppDeps } from "../app.js";
import type { TaskRow } from "../db/task-access.js";
import { AttemptInput, CallbackQuery, OutcomeInput } from "../domain/callback-input.js";
import { scopeOf, teamContext } from "./claims.js";

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

const listRoute = guardedRoute({
  method: "get",
  path: "/v1/callbacks",
  summary: "The call-back queue: due tasks first, by risk, then by due time",
  description:
    "Caseworkers see their teams' tasks (token claim `teams`); coordinators every task, unrouted ones included.",
  roles,
  request: { query: CallbackQuery },
  responses: {
    200: jsonResponse(Page(QueueTask), "A page"),
  },
});

const claimRoute = guardedRoute({
  method: "post",
  path: "/v1/callbacks/{id}/claim",
  summary: "Take the task for a while (a lease); returns the person's contact details",
  roles,
  request: { params: IdParam },
  responses: { 200: jsonResponse(ClaimedTask, "Claimed") },
});

const releaseRoute = guardedRoute({
  method: "post",
  path: "/v1/callbacks/{id}/release",
  summary: "Give a claimed task back to the queue before the lease runs out (the holder only)",
  roles,
  request: { params: IdParam },
  responses: { 200: jsonResponse(CallbackTask, "Released") },
});

const attemptRoute = guardedRoute({
  method: "post",
  path: "/v1/callbacks/{id}/attempts",
  summary: "Log a call-back attempt (the caller must hold the claim)",
  roles,
  idempotent: true,
  request: { params: IdParam, body: jsonBody(AttemptInput) },
  responses: { 201: jsonResponse(CallbackTask, "Logged") },
});

const outcomeRoute = guardedRoute({
  method: "post",
  path: "/v1/callbacks/{id}/outcome",
  summary: "Close the task: accepted (optionally asking for a group place), declined, referred elsewhere",
  roles,
  idempotent: true,
  request: { params: IdParam, body: jsonBody(OutcomeInput) },
  responses: { 201: jsonResponse(CallbackTask, "Closed") },
});

export function callbackRoutes(deps: AppDeps) {
  const { app, reply } = routeModule(deps);
  /** The answer of an attempt or an outcome, stored with the change: a retry replays it, never repeats it. */
  const taskAnswer = () => {
    const now = deps.clock.now();
    return { status: 201 as const, present: (updated: TaskRow) => present(updated, now) };
  };
  return app
    .openapi(listRoute, async (c) => {
      const page = await listCallbacks(teamContext(c, deps), c.req.valid("query"));
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
      const task = await releaseCallback(teamContext(c, deps), { taskId: c.req.valid("param").id });
      return c.json(present(task, deps.clock.now()), 200);
    })
    .openapi(claimRoute, async (c) => {
      const { task, person } = await claimCallback(teamContext(c, deps), { taskId: c.req.valid("param").id });
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
    .openapi(attemptRoute, (c) =>
      reply(c, taskAnswer(), (ctx) =>
        recordAttempt(
          { ...ctx, scope: scopeOf(c) },
          { taskId: c.req.valid("param").id, input: c.req.valid("json") },
        ),
      ),
    )
    .openapi(outcomeRoute, (c) =>
      reply(c, taskAnswer(), (ctx) =>
        recordOutcome(
          { ...ctx, scope: scopeOf(c) },
          { taskId: c.req.valid("param").id, input: c.req.valid("json") },
        ),
      ),
    );
}
