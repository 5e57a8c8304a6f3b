import { z } from "@hono/zod-openapi";
import { namedPattern, Page, PageQuery } from "@relais/contracts";
import { decodeCursor, encodeCursor, guardedRoute, jsonResponse, routeModule } from "@relais/service-kit";
import type { AppDeps } from "../actions/context.js";
import { listMessages } from "../actions/list-messages.js";
import { readMessage } from "../actions/read-message.js";
import { retryMessage } from "../actions/retry-message.js";
import type { MessageRow } from "../db/messages.js";

const Status = z.enum(["held", "queued", "sending", "sent", "failed", "suppressed"]);

const MessageSummary = z
  .object({
    id: z.string(),
    channel: z.enum(["email", "sms"]),
    template: z.string(),
    language: z.enum(["fr", "nl", "en"]),
    personRef: z.string().nullable(),
    status: Status,
    reason: z.string().nullable().openapi({ description: "Why it was suppressed, or the last error" }),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    providerId: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi("Message");

const MessageDetail = MessageSummary.extend({
  recipient: z
    .string()
    .nullable()
    .openapi({ description: "The address it went to (personal data: reading it is audited)" }),
}).openapi("MessageDetail");

const ListQuery = PageQuery.extend({
  status: Status.optional(),
  channel: z.enum(["email", "sms"]).optional(),
  template: z
    .string()
    .min(1)
    .max(80)
    .regex(namedPattern(/^[a-z0-9_.-]+$/, "invalid_identifier"), "Expected a template name")
    .optional()
    .openapi({ description: "One template, e.g. `invite`" }),
});

const IdParam = z.object({ id: z.uuid({ error: "Expected a message id" }) });

const listRoute = guardedRoute({
  method: "get",
  path: "/v1/messages",
  summary: "The delivery log, newest first",
  roles: ["coordinator"],
  request: { query: ListQuery },
  responses: {
    200: jsonResponse(Page(MessageSummary), "A page"),
  },
});

const getRoute = guardedRoute({
  method: "get",
  path: "/v1/messages/{id}",
  summary: "One message, with its recipient",
  roles: ["coordinator"],
  request: { params: IdParam },
  responses: { 200: jsonResponse(MessageDetail, "The message") },
});

const retryRoute = guardedRoute({
  method: "post",
  path: "/v1/messages/{id}/retry",
  summary: "Queue a failed message again",
  roles: ["coordinator"],
  request: { params: IdParam },
  responses: { 202: jsonResponse(MessageSummary, "Queued again") },
});

function summary(row: MessageRow): z.infer<typeof MessageSummary> {
  return {
    id: row.id,
    channel: row.channel,
    template: row.template,
    language: row.language,
    personRef: row.personRef,
    status: row.status,
    reason: row.reason,
    attempts: row.attempts,
    // For a held message: when it stops waiting for the person's contact.
    nextAttemptAt: row.status === "queued" || row.status === "held" ? row.nextAttemptAt : null,
    providerId: row.providerId,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  };
}

const Cursor = z.object({ id: z.string() });

export function messageRoutes(deps: AppDeps) {
  const { app, context } = routeModule(deps);
  return app
    .openapi(listRoute, async (c) => {
      const query = c.req.valid("query");
      const after = decodeCursor(query.cursor, Cursor);
      const { page, more } = await listMessages(context(c), {
        status: query.status,
        channel: query.channel,
        template: query.template,
        afterId: after?.id,
        limit: query.limit,
      });
      const last = page.at(-1);
      return c.json(
        { items: page.map(summary), nextCursor: more && last ? encodeCursor({ id: last.id }) : null },
        200,
      );
    })
    .openapi(getRoute, async (c) => {
      const { row, recipient } = await readMessage(context(c), c.req.valid("param").id);
      return c.json({ ...summary(row), recipient }, 200);
    })
    .openapi(retryRoute, async (c) => {
      const updated = await retryMessage(context(c), c.req.valid("param").id);
      return c.json(summary(updated), 202);
    });
}
