import { z } from "@hono/zod-openapi";
import { GroupKind, Language, Page, PageQuery } from "@relais/contracts";
import { documentedProblem, guardedRoute, jsonBody, jsonResponse, routeModule } from "@relais/service-kit";
import { type CreatedGroup, createGroup } from "../actions/create-group.js";
import { listGroups } from "../actions/list-groups.js";
import { readGroup } from "../actions/read-group.js";
import { updateGroup } from "../actions/update-group.js";
import type { AppDeps } from "../app.js";
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

const listRoute = guardedRoute({
  method: "get",
  path: "/v1/groups",
  summary:
    "Groups the caller may see: facilitators theirs, programme staff perpetrator groups, coordinators all",
  roles: STAFF,
  request: { query: GroupQuery },
  responses: {
    200: jsonResponse(Page(GroupView), "A page"),
  },
});

const readRoute = guardedRoute({
  method: "get",
  path: "/v1/groups/{id}",
  summary: "One group, with its seat counts",
  roles: STAFF,
  request: { params: IdParam },
  responses: { 200: jsonResponse(GroupView, "The group") },
});

const updateRoute = guardedRoute({
  method: "patch",
  path: "/v1/groups/{id}",
  summary: "Change a group; series changes are sent to participants, extra seats promote the waitlist",
  roles: STAFF,
  request: { params: IdParam, body: jsonBody(GroupPatch) },
  responses: {
    200: jsonResponse(GroupView, "The group as changed"),
    409: documentedProblem(
      "`safety_separation`: the new venue is where, at overlapping times, a group meets that someone in this one is kept apart from (says why, never who)",
    ),
  },
});

const createGroupRoute = guardedRoute({
  method: "post",
  path: "/v1/groups",
  summary: "Set up a group and expand its schedule into sessions",
  roles: STAFF,
  idempotent: true,
  request: { body: jsonBody(GroupInput) },
  responses: { 201: jsonResponse(GroupView, "Created") },
});

const presentCreated = ({ group }: CreatedGroup) => toGroupView(group, { enrolled: 0, waitlisted: 0 });

export function groupRoutes(deps: AppDeps) {
  const { app, context, reply } = routeModule(deps);
  return app
    .openapi(createGroupRoute, (c) =>
      reply(c, { status: 201, present: presentCreated }, (ctx) => createGroup(ctx, c.req.valid("json"))),
    )
    .openapi(listRoute, async (c) => {
      const page = await listGroups(context(c), c.req.valid("query"));
      const items = page.items.map(({ group, summary }) => ({
        ...toGroupView(group, summary.seats),
        nextSessionAt: summary.nextSessionAt ? toZonedIso(summary.nextSessionAt, group.timeZone) : null,
      }));
      return c.json({ items, nextCursor: page.nextCursor }, 200);
    })
    .openapi(readRoute, async (c) => {
      const { group, seats } = await readGroup(context(c), c.req.valid("param"));
      return c.json(toGroupView(group, seats), 200);
    })
    .openapi(updateRoute, async (c) => {
      const { id } = c.req.valid("param");
      const { group, seats } = await updateGroup(context(c), { id, patch: c.req.valid("json") });
      return c.json(toGroupView(group, seats), 200);
    });
}
