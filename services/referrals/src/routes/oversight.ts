// The coordinator's oversight: SLA figures, escalations, the coordinators' queue and assigning
// its tasks to a team, announcing the tasks again for a service that joined late. Coordinators of
// the organisation only (admins too for the announcement); task rows, never a person's data.
import { z } from "@hono/zod-openapi";
import { Instant } from "@relais/contracts";
import { guardedRoute, jsonBody, jsonResponse, routeModule } from "@relais/service-kit";
import { announceTasks } from "../actions/announce-tasks.js";
import { assignCallback } from "../actions/assign-callback.js";
import { listEscalations } from "../actions/list-escalations.js";
import { listUnrouted } from "../actions/list-unrouted.js";
import { slaOverview } from "../actions/sla-overview.js";
import type { AppDeps } from "../app.js";
import { AnnouncementInput } from "../domain/callback-input.js";
import { TeamId } from "../domain/route-input.js";

const Risk = z.enum(["high", "medium", "low"]);
const Role = z.enum(["victim", "author"]);

const SlaOverview = z
  .object({
    from: z.string(),
    to: z.string(),
    now: z.string(),
    teams: z.array(
      z.object({
        team: z.string(),
        open: z.number().int(),
        dueNow: z.number().int(),
        dueSoon: z.number().int().openapi({ description: "Due within the next two hours" }),
        overdue: z.number().int().openapi({ description: "SLA deadline passed, nobody reached" }),
      }),
    ),
    risks: z.array(
      z.object({
        riskLevel: Risk,
        slaHours: z.number(),
        tasks: z.number().int(),
        reached: z.number().int(),
        medianMinutes: z.number().nullable(),
        p90Minutes: z.number().nullable(),
        withinSla: z.number().int(),
        breached: z.number().int(),
      }),
    ),
  })
  .openapi("SlaOverview");

const Escalation = z
  .object({
    id: z.string(),
    referralId: z.string(),
    role: Role,
    team: z.string(),
    routed: z.boolean(),
    riskLevel: Risk,
    status: z.enum(["open", "closed"]),
    outcome: z.string().nullable(),
    kind: z.enum(["overdue", "raised", "breached"]).openapi({
      description:
        "overdue: open past the deadline, nobody reached; raised: open, its risk raised by a criticality assessment; breached: reached late or closed unreachable",
    }),
    escalatedAt: z
      .string()
      .nullable()
      .openapi({ description: "When a criticality assessment last raised the task's risk" }),
    createdAt: z.string(),
    slaDeadline: z.string(),
    reachedAt: z.string().nullable(),
    attempts: z.number().int(),
    dueAlertAt: z.string().nullable().openapi({ description: "When the team was told it is due" }),
    overdueAlertAt: z.string().nullable().openapi({ description: "When the team was told it is overdue" }),
    claimedBy: z.string().nullable(),
  })
  .openapi("Escalation");

const UnroutedTask = z
  .object({
    id: z.string(),
    referralId: z.string(),
    role: Role,
    riskLevel: Risk,
    municipality: z.string(),
    createdAt: z.string(),
    dueAt: z.string(),
    slaDeadline: z.string(),
    attempts: z.number().int(),
  })
  .openapi("UnroutedTask");

const AssignInput = z
  .object({ team: TeamId, teamEmail: z.email().max(254).optional() })
  .strict()
  .openapi("AssignInput");

const Limit = z.coerce.number().int().min(1).max(200).default(100);

const slaRoute = guardedRoute({
  method: "get",
  path: "/v1/oversight/sla",
  summary: "Open tasks per team (due now, soon, overdue) and time to first contact per risk level",
  roles: ["coordinator"],
  request: {
    query: z.object({
      from: Instant.optional().openapi({
        description: "Tasks filed at or after (default: 30 days before `to`)",
      }),
      to: Instant.optional().openapi({ description: "Tasks filed before (default: now)" }),
    }),
  },
  responses: { 200: jsonResponse(SlaOverview, "The overview") },
});

const escalationsRoute = guardedRoute({
  method: "get",
  path: "/v1/oversight/escalations",
  summary:
    "Overdue open tasks, open tasks whose risk an assessment raised, and late or missed first contacts, with the alerts already sent",
  roles: ["coordinator"],
  request: { query: z.object({ from: Instant.optional(), limit: Limit }) },
  responses: {
    200: jsonResponse(z.object({ items: z.array(Escalation) }), "Escalations"),
  },
});

const unroutedRoute = guardedRoute({
  method: "get",
  path: "/v1/oversight/unrouted",
  summary: "The coordinators' queue: open tasks of municipalities without a route",
  roles: ["coordinator"],
  request: { query: z.object({ limit: Limit }) },
  responses: {
    200: jsonResponse(z.object({ items: z.array(UnroutedTask) }), "The queue"),
  },
});

const assignRoute = guardedRoute({
  method: "post",
  path: "/v1/callbacks/{id}/assign",
  summary: "Give a task of the coordinators' queue to a team",
  roles: ["coordinator"],
  request: { params: z.object({ id: z.string().min(1).max(64) }), body: jsonBody(AssignInput) },
  responses: {
    200: jsonResponse(z.object({ id: z.string(), team: z.string(), routed: z.boolean() }), "Assigned"),
  },
});

const announceRoute = guardedRoute({
  method: "post",
  path: "/v1/oversight/task-announcements",
  summary: "Announce the organisation's call-back tasks again, for a service that joined late",
  description:
    "Publishes `referrals.callback.opened` for every open task (with the team holding it now) and " +
    "`referrals.callback.closed` for every task closed within `closedWithinDays`. Notifications and " +
    "housing let a team reach a person only through such a task; the REFERRALS stream keeps 30 days, " +
    "so a service added to a running deployment, or restored from a backup, learns older tasks this " +
    "way. Repeating it changes nothing: the services record each task once, and an opening never " +
    "moves a task back from the team a later assignment gave it to. No personal data is announced.",
  roles: ["coordinator", "admin"],
  request: { body: jsonBody(AnnouncementInput) },
  responses: {
    200: jsonResponse(
      z.object({
        opened: z.number().int().openapi({ description: "Open tasks announced" }),
        closed: z.number().int().openapi({ description: "Closed tasks announced" }),
      }),
      "Announced",
    ),
  },
});

export function oversightRoutes(deps: AppDeps) {
  const { app, context } = routeModule(deps);
  return app
    .openapi(slaRoute, async (c) => c.json(await slaOverview(context(c), c.req.valid("query")), 200))
    .openapi(escalationsRoute, async (c) =>
      c.json({ items: await listEscalations(context(c), c.req.valid("query")) }, 200),
    )
    .openapi(unroutedRoute, async (c) =>
      c.json({ items: await listUnrouted(context(c), c.req.valid("query")) }, 200),
    )
    .openapi(assignRoute, async (c) => {
      const { id } = c.req.valid("param");
      const task = await assignCallback(context(c), { id, input: c.req.valid("json") });
      return c.json({ id: task.id, team: task.team, routed: task.routed }, 200);
    })
    .openapi(announceRoute, async (c) => c.json(await announceTasks(context(c), c.req.valid("json")), 200));
}
