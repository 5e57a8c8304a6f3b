import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
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
  zoneOf,
} from "@relais/service-kit";
import { addItem, updateItem } from "../actions/agenda.js";
import { recordDecision } from "../actions/decisions.js";
import { readConference } from "../actions/read.js";
import type { AppDeps } from "../app.js";
import { DecisionInput, ItemInput, ItemPatch } from "../domain/input.js";
import { IdParam, ItemParams, ItemView, toItemView } from "./views.js";

const Created = z.object({ id: z.string(), conferenceId: z.string() });

const addRoute = createRoute({
  method: "post",
  path: "/v1/conferences/{id}/items",
  summary: "Put a referral on the agenda, with a summary and a question written for the partners",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator"), idempotency()] as const,
  request: { params: IdParam, headers: IdempotencyKeyHeader, body: jsonBody(ItemInput) },
  responses: { 201: jsonResponse(Created, "Added"), ...ProblemResponses },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/v1/conferences/{id}/items/{itemId}",
  summary: "Change an agenda item: its texts, risk level, position or who sees it",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator")] as const,
  request: { params: ItemParams, body: jsonBody(ItemPatch) },
  responses: { 200: jsonResponse(ItemView, "The item as changed"), ...ProblemResponses },
});

const decisionRoute = createRoute({
  method: "post",
  path: "/v1/conferences/{id}/items/{itemId}/decisions",
  summary: "Record a decision on an item, with the actions of the concerted plan (owner, due date)",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator"), idempotency()] as const,
  request: { params: ItemParams, headers: IdempotencyKeyHeader, body: jsonBody(DecisionInput) },
  responses: {
    201: jsonResponse(z.object({ id: z.string(), itemId: z.string(), conferenceId: z.string() }), "Recorded"),
    ...ProblemResponses,
  },
});

export function agendaRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  const present = <R>(result: R) => result;
  return app
    .openapi(addRoute, async (c) => {
      const created = await addItem(
        verbContext(c, deps, { status: 201, present }),
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json(created, 201);
    })
    .openapi(patchRoute, async (c) => {
      const { id, itemId } = c.req.valid("param");
      await updateItem(verbContext(c, deps), id, itemId, c.req.valid("json"));
      const read = await readConference({ ...verbContext(c, deps), zone: zoneOf(c) }, id);
      const item = read.items.find((i) => i.id === itemId)!;
      return c.json(toItemView(item, read.viewer, deps.clock.now()), 200);
    })
    .openapi(decisionRoute, async (c) => {
      const { id, itemId } = c.req.valid("param");
      const created = await recordDecision(
        verbContext(c, deps, { status: 201, present }),
        id,
        itemId,
        c.req.valid("json"),
      );
      return c.json(created, 201);
    });
}
