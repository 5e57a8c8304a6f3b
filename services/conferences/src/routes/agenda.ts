import { z } from "@hono/zod-openapi";
import { guardedRoute, jsonBody, jsonResponse, routeModule } from "@relais/service-kit";
import { addItem } from "../actions/add-item.js";
import { readConference } from "../actions/read-conference.js";
import { recordDecision } from "../actions/record-decision.js";
import { updateItem } from "../actions/update-item.js";
import type { AppDeps } from "../app.js";
import { DecisionInput, ItemInput, ItemPatch } from "../domain/input.js";
import { readerContext } from "./reader.js";
import { IdParam, ItemParams, ItemView, toItemView } from "./views.js";

const Created = z.object({ id: z.string(), conferenceId: z.string() });

const addRoute = guardedRoute({
  method: "post",
  path: "/v1/conferences/{id}/items",
  summary: "Put a referral on the agenda, with a summary and a question written for the partners",
  roles: ["coordinator"],
  idempotent: true,
  request: { params: IdParam, body: jsonBody(ItemInput) },
  responses: { 201: jsonResponse(Created, "Added") },
});

const patchRoute = guardedRoute({
  method: "patch",
  path: "/v1/conferences/{id}/items/{itemId}",
  summary: "Change an agenda item: its texts, risk level, position or who sees it",
  roles: ["coordinator"],
  request: { params: ItemParams, body: jsonBody(ItemPatch) },
  responses: { 200: jsonResponse(ItemView, "The item as changed") },
});

const decisionRoute = guardedRoute({
  method: "post",
  path: "/v1/conferences/{id}/items/{itemId}/decisions",
  summary: "Record a decision on an item, with the actions of the concerted plan (owner, due date)",
  roles: ["coordinator"],
  idempotent: true,
  request: { params: ItemParams, body: jsonBody(DecisionInput) },
  responses: {
    201: jsonResponse(z.object({ id: z.string(), itemId: z.string(), conferenceId: z.string() }), "Recorded"),
  },
});

type AddedItem = Awaited<ReturnType<typeof addItem>>;
type RecordedDecision = Awaited<ReturnType<typeof recordDecision>>;

export function agendaRoutes(deps: AppDeps) {
  const { app, context, reply } = routeModule(deps);
  return app
    .openapi(addRoute, (c) =>
      reply(c, { status: 201, present: (item: AddedItem) => item }, (ctx) =>
        addItem(ctx, { conferenceId: c.req.valid("param").id, input: c.req.valid("json") }),
      ),
    )
    .openapi(patchRoute, async (c) => {
      const { id, itemId } = c.req.valid("param");
      await updateItem(context(c), { conferenceId: id, itemId, patch: c.req.valid("json") });
      const read = await readConference(readerContext(c, deps), { id });
      const item = read.items.find((i) => i.id === itemId)!;
      return c.json(toItemView(item, read.viewer, deps.clock.now()), 200);
    })
    .openapi(decisionRoute, (c) => {
      const { id, itemId } = c.req.valid("param");
      return reply(c, { status: 201, present: (made: RecordedDecision) => made }, (ctx) =>
        recordDecision(ctx, { conferenceId: id, itemId, input: c.req.valid("json") }),
      );
    });
}
