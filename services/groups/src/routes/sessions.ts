import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { Instant } from "@relais/contracts";
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
  .refine((patch) => patch.startsAt !== undefined || patch.durationMinutes !== undefined, {
    message: "Give startsAt, durationMinutes or both",
    path: ["startsAt"],
  })
  .openapi("SessionPatch");

const CancelInput = z
  .object({ reason: z.string().trim().min(1).max(500).optional() })
  .openapi("SessionCancel");

const listRoute = createRoute({
  method: "get",
  path: "/v1/groups/{id}/sessions",
  summary: "The group's sessions, in its time zone",
  security: bearerSecurity,
  middleware: [requireRoles(...RUNNERS)] as const,
  request: { params: IdParam },
  responses: { 200: jsonResponse(SessionList, "Sessions, earliest first"), ...ProblemResponses },
});

const changeRoute = createRoute({
  method: "patch",
  path: "/v1/sessions/{id}",
  summary: "Move one session, or change the series from this session on",
  security: bearerSecurity,
  middleware: [requireRoles(...RUNNERS)] as const,
  request: { params: IdParam, body: jsonBody(SessionPatch) },
  responses: {
    200: jsonResponse(SessionList, "The group's sessions after the change"),
    ...ProblemResponses,
    409: {
      description:
        "Cancelled, started or in the past, or `safety_separation`: the new time would meet, at the same place, a group someone in it is kept apart from (says why, never who)",
      content: ProblemResponses[409].content,
    },
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

const mineRoute = createRoute({
  method: "get",
  path: "/v1/sessions",
  summary: "My sessions from … to …, across the groups the caller runs (cancelled ones included)",
  security: bearerSecurity,
  middleware: [requireRoles(...RUNNERS)] as const,
  request: { query: RangeQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(MySession) }), "Sessions, earliest first"),
    ...ProblemResponses,
  },
});

function cancelRoute(deps: AppDeps) {
  return createRoute({
    method: "post",
    path: "/v1/sessions/{id}/cancel",
    summary: "Cancel one session without touching the series",
    security: bearerSecurity,
    middleware: [requireRoles(...RUNNERS), idempotency({ required: false })] as const,
    request: { params: IdParam, headers: IdempotencyKeyHeader, body: jsonBody(CancelInput) },
    responses: { 200: jsonResponse(SessionView, "The cancelled session"), ...ProblemResponses },
  });
}

export function sessionRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  return app
    .openapi(mineRoute, async (c) => {
      const query = c.req.valid("query");
      const from = query.from ?? deps.clock.now().toISOString();
      const to = query.to ?? new Date(Date.parse(from) + 7 * 86_400_000).toISOString();
      const found = await listMySessions(verbContext(c, deps), { from, to });
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
      const { group, sessions } = await listGroupSessions(verbContext(c, deps), c.req.valid("param"));
      return c.json(toSessionList(group, sessions), 200);
    })
    .openapi(changeRoute, async (c) => {
      const { group, sessions } = await changeSession(verbContext(c, deps), {
        id: c.req.valid("param").id,
        change: c.req.valid("json"),
      });
      return c.json(toSessionList(group, sessions), 200);
    })
    .openapi(cancelRoute(deps), async (c) => {
      const present = ({ group, session }: CancelledSession) => toSessionView(session, group.timeZone);
      const cancelled = await cancelSession(verbContext(c, deps, { status: 200, present }), {
        id: c.req.valid("param").id,
        reason: c.req.valid("json").reason,
      });
      return c.json(present(cancelled), 200);
    });
}
