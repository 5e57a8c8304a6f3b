import { z } from "@hono/zod-openapi";
import { guardedRoute, jsonBody, jsonResponse, routeModule } from "@relais/service-kit";
import { readMine } from "../actions/read-mine.js";
import { setActionStatus } from "../actions/set-action-status.js";
import type { AppDeps } from "../app.js";
import { ActionPatch } from "../domain/input.js";
import { readerContext } from "./reader.js";
import { ActionView, IdParam, ItemView, toActionView, toItemView } from "./views.js";

const MyItem = z
  .object({
    conference: z.object({ id: z.string(), title: z.string(), timeZone: z.string(), status: z.string() }),
    item: ItemView,
  })
  .openapi("MyAgendaItem");

const MyAction = ActionView.extend({
  conferenceTitle: z.string(),
  timeZone: z.string(),
}).openapi("MyAction");

const itemsRoute = guardedRoute({
  method: "get",
  path: "/v1/my/items",
  summary: "The agenda items the caller's organisation may see, across the conferences it is invited to",
  roles: ["partner", "police"],
  responses: { 200: jsonResponse(z.object({ items: z.array(MyItem) }), "Items") },
});

const actionsRoute = guardedRoute({
  method: "get",
  path: "/v1/my/actions",
  summary: "The actions the caller's organisation owns, open ones first",
  roles: ["partner", "police"],
  responses: { 200: jsonResponse(z.object({ items: z.array(MyAction) }), "Actions") },
});

const patchActionRoute = guardedRoute({
  method: "patch",
  path: "/v1/actions/{id}",
  summary: "Set an action's status: the organiser, or the partner who owns it",
  roles: ["coordinator", "partner", "police"],
  request: { params: IdParam, body: jsonBody(ActionPatch) },
  responses: { 200: jsonResponse(ActionView, "The action") },
});

const ORDER = { open: 0, done: 1, cancelled: 2 } as const;

export function mineRoutes(deps: AppDeps) {
  const { app } = routeModule(deps);
  return app
    .openapi(itemsRoute, async (c) => {
      const now = deps.clock.now();
      const mine = await readMine(readerContext(c, deps));
      const items = mine.map(({ conference, item }) => ({
        conference: {
          id: conference.id,
          title: conference.title,
          timeZone: conference.timeZone,
          status: conference.status,
        },
        item: toItemView(item, { kind: "invitee", inviteeIds: new Set() }, now),
      }));
      return c.json({ items }, 200);
    })
    .openapi(actionsRoute, async (c) => {
      const now = deps.clock.now();
      const mine = await readMine(readerContext(c, deps));
      const items = mine
        .flatMap(({ conference, ownedActions }) =>
          ownedActions.map((a) => ({
            ...toActionView(a, now),
            conferenceTitle: conference.title,
            timeZone: conference.timeZone,
          })),
        )
        .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.dueDate.localeCompare(b.dueDate));
      return c.json({ items }, 200);
    })
    .openapi(patchActionRoute, async (c) => {
      const input = { actionId: c.req.valid("param").id, status: c.req.valid("json").status };
      const action = await setActionStatus(readerContext(c, deps), input);
      return c.json(toActionView(action, deps.clock.now()), 200);
    });
}
