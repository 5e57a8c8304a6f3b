import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { GroupKind, Language, PageQuery } from "@relais/contracts";
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
import { type CreatedGroup, createGroup } from "../actions/create-group.js";
import { groupSummaries } from "../actions/group-summaries.js";
import { listGroups } from "../actions/list-groups.js";
import { updateGroup } from "../actions/update-group.js";
import type { AppDeps } from "../app.js";
import { seatCounts, visibleGroup } from "../db/group-store.js";
import { GroupInput, GroupPatch } from "../domain/group-input.js";
import { toZonedIso } from "../domain/recurrence.js";
import { GroupView, IdParam, toGroupView } from "./views.js";

const STAFF = ["facilitator", "programme_staff", "coordinator"] as const;

const GroupQuery = PageQuery.extend({
  kind: GroupKind.optional(),
  language: Language.optional(),
  municipality: z.string().min(1).max(100).optional(),
  facilitator: z.string().min(1).max(200).optional(),
});

const listRoute = createRoute({
  method: "get",
  path: "/v1/groups",
  summary:
    "Groups the caller may see: facilitators theirs, programme staff perpetrator groups, coordinators all",
  security: bearerSecurity,
  middleware: [requireRoles(...STAFF)] as const,
  request: { query: GroupQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(GroupView), nextCursor: z.string().nullable() }), "A page"),
    ...ProblemResponses,
  },
});

const readRoute = createRoute({
  method: "get",
  path: "/v1/groups/{id}",
  summary: "One group, with its seat counts",
  security: bearerSecurity,
  middleware: [requireRoles(...STAFF)] as const,
  request: { params: IdParam },
  responses: { 200: jsonResponse(GroupView, "The group"), ...ProblemResponses },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/v1/groups/{id}",
  summary: "Change a group; series changes are sent to participants, extra seats promote the waitlist",
  security: bearerSecurity,
  middleware: [requireRoles(...STAFF)] as const,
  request: { params: IdParam, body: jsonBody(GroupPatch) },
  responses: {
    200: jsonResponse(GroupView, "The group as changed"),
    ...ProblemResponses,
    409: {
      description:
        "`safety_separation`: the new venue is where, at overlapping times, a group meets that someone in this one is kept apart from (says why, never who)",
      content: ProblemResponses[409].content,
    },
  },
});

function createGroupRoute(deps: AppDeps) {
  return createRoute({
    method: "post",
    path: "/v1/groups",
    summary: "Set up a group and expand its schedule into sessions",
    security: bearerSecurity,
    middleware: [requireRoles(...STAFF), idempotency()] as const,
    request: { headers: IdempotencyKeyHeader, body: jsonBody(GroupInput) },
    responses: { 201: jsonResponse(GroupView, "Created"), ...ProblemResponses },
  });
}

export function groupRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  return app
    .openapi(createGroupRoute(deps), async (c) => {
      const present = ({ group }: CreatedGroup) => toGroupView(group, { enrolled: 0, waitlisted: 0 });
      const created = await createGroup(verbContext(c, deps, { status: 201, present }), c.req.valid("json"));
      return c.json(present(created), 201);
    })
    .openapi(listRoute, async (c) => {
      const page = await listGroups(deps.database.db, principalOf(c), c.req.valid("query"));
      const summaries = await groupSummaries(
        deps.database.db,
        page.items.map((g) => g.id),
        deps.clock.now(),
      );
      const items = page.items.map((g) => {
        const summary = summaries.get(g.id);
        const next = summary?.nextSessionAt;
        return {
          ...toGroupView(g, summary?.seats),
          nextSessionAt: next ? toZonedIso(next, g.timeZone) : null,
        };
      });
      return c.json({ items, nextCursor: page.nextCursor }, 200);
    })
    .openapi(readRoute, async (c) => {
      const group = await visibleGroup(deps.database.db, principalOf(c), c.req.valid("param").id);
      return c.json(toGroupView(group, await seatCounts(deps.database.db, group.id)), 200);
    })
    .openapi(updateRoute, async (c) => {
      const { id } = c.req.valid("param");
      const { group } = await updateGroup(deps, principalOf(c), id, c.req.valid("json"), c.var.requestId);
      return c.json(toGroupView(group, await seatCounts(deps.database.db, id)), 200);
    });
}
