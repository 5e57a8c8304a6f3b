import { z } from "@hono/zod-openapi";
import { Instant, refusal } from "@relais/contracts";
import { documentedProblem, guardedRoute, jsonBody, jsonResponse, routeModule } from "@relais/service-kit";
import { type CancelledSession, cancelSession } from "../actions/cancel-session.js";
import { changeSession } from "../actions/change-session.js";
import { listGroupSessions } from "../actions/list-group-sessions.js";
import { listMySessions } from "../actions/list-my-sessions.js";
import type { AppDeps } from "../app.js";
import { IdParam, MySession, SessionList, SessionView, toSessionList, toSessionView } from "./views.js";

const RUNNERS = ["facilitator", "programme_staff"] as const;

const SessionPatch = z
  .object({
    scope: z.enum(["single", "following"]).default("single").openapi({
      description: "`following` applies the new weekday, time and duration from this session on",
    }),
    startsAt: Instant.optional().openapi({ example: "2026-03-10T19:00:00+01:00" }),
    durationMinutes: z.number().int().min(15).max(600).optional(),
  })
  .refine(
    (patch) => patch.startsAt !== undefined || patch.durationMinutes !== undefined,
    refusal("one_of_required", "Give startsAt, durationMinutes or both", ["startsAt"]),
  )
  .openapi("SessionPatch");

const CancelInput = z
  .object({ reason: z.string().trim().min(1).max(500).optional() })
  .openapi("SessionCancel");

const listRoute = guardedRoute({
  method: "get",
  path: "/v1/groups/{id}/sessions",
  summary: "The group's sessions, in its time zone",
  roles: RUNNERS,
  request: { params: IdParam },
  responses: { 200: jsonResponse(SessionList, "Sessions, earliest first") },
});

const changeRoute = guardedRoute({
  method: "patch",
  path: "/v1/sessions/{id}",
  summary: "Move one session, or change the series from this session on",
  roles: RUNNERS,
  request: { params: IdParam, body: jsonBody(SessionPatch) },
  responses: {
    200: jsonResponse(SessionList, "The group's sessions after the change"),
    409: documentedProblem(
      "Cancelled, started or in the past, or `safety_separation`: the new time would meet, at the same place, a group someone in it is kept apart from (says why, never who)",
    ),
  },
});

const RangeQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional().openapi({
    description: "Sessions starting at or after; now by default",
    example: "2027-03-22T00:00:00+01:00",
  }),
  to: z.iso.datetime({ offset: true }).optional().openapi({
    description: "…and before; at most 43 days later, 7 days after `from` by default",
    example: "2027-03-29T00:00:00+02:00",
  }),
});

const mineRoute = guardedRoute({
  method: "get",
  path: "/v1/sessions",
  summary: "My sessions from … to …, across the groups the caller runs (cancelled ones included)",
  roles: RUNNERS,
  request: { query: RangeQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(MySession) }), "Sessions, earliest first"),
  },
});

const cancelRoute = guardedRoute({
  method: "post",
  path: "/v1/sessions/{id}/cancel",
  summary: "Cancel one session without touching the series",
  roles: RUNNERS,
  idempotent: { required: false },
  request: { params: IdParam, body: jsonBody(CancelInput) },
  responses: { 200: jsonResponse(SessionView, "The cancelled session") },
});

const presentCancelled = ({ group, session }: CancelledSession) => toSessionView(session, group.timeZone);

export function sessionRoutes(deps: AppDeps) {
  const { app, context, reply } = routeModule(deps);
  return app
    .openapi(mineRoute, async (c) => {
      const query = c.req.valid("query");
      const from = query.from ?? deps.clock.now().toISOString();
      const to = query.to ?? new Date(Date.parse(from) + 7 * 86_400_000).toISOString();
      const found = await listMySessions(context(c), { from, to });
      const items = found.map(({ group, session }) => ({
        ...toSessionView(session, group.timeZone),
        group: {
          id: group.id,
          publicName: group.publicName,
          kind: group.kind,
          language: group.language,
          timeZone: group.timeZone,
        },
      }));
      return c.json({ items }, 200);
    })
    .openapi(listRoute, async (c) => {
      const { group, sessions } = await listGroupSessions(context(c), c.req.valid("param"));
      return c.json(toSessionList(group, sessions), 200);
    })
    .openapi(changeRoute, async (c) => {
      const { group, sessions } = await changeSession(context(c), {
        id: c.req.valid("param").id,
        change: c.req.valid("json"),
      });
      return c.json(toSessionList(group, sessions), 200);
    })
    .openapi(cancelRoute, (c) =>
      reply(c, { status: 200, present: presentCancelled }, (ctx) =>
        cancelSession(ctx, { id: c.req.valid("param").id, reason: c.req.valid("json").reason }),
      ),
    );
}
