import { z } from "@hono/zod-openapi";
import { guardedRoute, jsonResponse, routeModule } from "@relais/service-kit";
import { listCheckIns } from "../actions/list-check-ins.js";
import { resolveCheckIn } from "../actions/resolve-check-in.js";
import type { AppDeps } from "../app.js";
import { IdParam, PersonShape } from "./views.js";

const Status = z.enum(["open", "done", "void"]);

const CheckInView = z
  .object({
    id: z.string(),
    groupId: z.string(),
    sessionId: z.string(),
    sessionStartsAt: z.string(),
    enrolmentId: z.string(),
    ...PersonShape,
    status: Status,
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
  })
  .openapi("SafetyCheckIn");

const listRoute = guardedRoute({
  method: "get",
  path: "/v1/check-ins",
  summary: "Safety check-ins to make: victims who missed a victim-group session",
  roles: ["facilitator", "coordinator"],
  request: { query: z.object({ status: Status.default("open") }) },
  responses: {
    200: jsonResponse(z.object({ items: z.array(CheckInView) }), "Check-ins"),
  },
});

const resolveRoute = guardedRoute({
  method: "post",
  path: "/v1/check-ins/{id}/resolve",
  summary: "Mark a safety check-in as made",
  roles: ["facilitator", "coordinator"],
  request: { params: IdParam },
  responses: { 204: { description: "Resolved" } },
});

export function checkInRoutes(deps: AppDeps) {
  const { app, context } = routeModule(deps);
  return app
    .openapi(listRoute, async (c) => {
      const items = await listCheckIns(context(c), c.req.valid("query"));
      return c.json({ items }, 200);
    })
    .openapi(resolveRoute, async (c) => {
      await resolveCheckIn(context(c), c.req.valid("param"));
      return c.body(null, 204);
    });
}
