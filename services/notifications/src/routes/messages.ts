import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PageQuery } from "@relais/contracts";
import {
  type AppEnv,
  bearerSecurity,
  Conflict,
  decodeCursor,
  defaultHook,
  encodeCursor,
  jsonResponse,
  NotFound,
  ProblemResponses,
  principalOf,
  recordAudit,
  requireRoles,
} from "@relais/service-kit";
import { and, desc, eq, lt } from "drizzle-orm";
import type { AppDeps } from "../app.js";
import { messages } from "../db/schema.js";
import { openPayload } from "../delivery/queue.js";

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
    .regex(/^[a-z0-9_.-]+$/, "Expected a template name")
    .optional()
    .openapi({ description: "One template, e.g. `invite`" }),
});

const IdParam = z.object({ id: z.uuid({ error: "Expected a message id" }) });

const listRoute = createRoute({
  method: "get",
  path: "/v1/messages",
  summary: "The delivery log, newest first",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator")] as const,
  request: { query: ListQuery },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(MessageSummary), nextCursor: z.string().nullable() }),
      "A page",
    ),
    ...ProblemResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/v1/messages/{id}",
  summary: "One message, with its recipient",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator")] as const,
  request: { params: IdParam },
  responses: { 200: jsonResponse(MessageDetail, "The message"), ...ProblemResponses },
});

const retryRoute = createRoute({
  method: "post",
  path: "/v1/messages/{id}/retry",
  summary: "Queue a failed message again",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator")] as const,
  request: { params: IdParam },
  responses: { 202: jsonResponse(MessageSummary, "Queued again"), ...ProblemResponses },
});

type Row = typeof messages.$inferSelect;

function summary(row: Row): z.infer<typeof MessageSummary> {
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
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  const find = async (org: string, id: string) => {
    const [row] = await deps.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.id, id), eq(messages.orgId, org)))
      .limit(1);
    if (!row) throw new NotFound("No message with this id");
    return row;
  };
  return app
    .openapi(listRoute, async (c) => {
      const principal = principalOf(c);
      const query = c.req.valid("query");
      const after = decodeCursor(query.cursor, Cursor);
      const rows = await deps.database.db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.orgId, principal.org),
            query.status ? eq(messages.status, query.status) : undefined,
            query.channel ? eq(messages.channel, query.channel) : undefined,
            query.template ? eq(messages.template, query.template) : undefined,
            after ? lt(messages.id, after.id) : undefined,
          ),
        )
        .orderBy(desc(messages.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      await deps.database.write((tx) =>
        recordAudit(tx, {
          principal,
          action: "message.list",
          recordType: "message",
          recordId: "*",
          requestId: c.var.requestId,
        }),
      );
      return c.json(
        {
          items: page.map(summary),
          nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null,
        },
        200,
      );
    })
    .openapi(getRoute, async (c) => {
      const principal = principalOf(c);
      const row = await find(principal.org, c.req.valid("param").id);
      await deps.database.write((tx) =>
        recordAudit(tx, {
          principal,
          action: "message.read",
          recordType: "message",
          recordId: row.id,
          requestId: c.var.requestId,
        }),
      );
      const payload = openPayload(deps.box, row.sealed);
      return c.json({ ...summary(row), recipient: payload.to ?? null }, 200);
    })
    .openapi(retryRoute, async (c) => {
      const principal = principalOf(c);
      const { id } = c.req.valid("param");
      const row = await find(principal.org, id);
      if (row.status !== "failed")
        throw new Conflict(`Only failed messages can be retried; this one is ${row.status}`, "not_failed");
      const at = deps.clock.now().toISOString();
      const updated = await deps.database.write(async (tx) => {
        const [result] = await tx
          .update(messages)
          .set({ status: "queued", nextAttemptAt: at, attempts: 0, leaseUntil: null, updatedAt: at })
          .where(and(eq(messages.id, id), eq(messages.status, "failed")))
          .returning();
        if (!result) throw new Conflict("The message changed meanwhile", "not_failed");
        await recordAudit(tx, {
          principal,
          action: "message.retry",
          recordType: "message",
          recordId: id,
          requestId: c.var.requestId,
        });
        return result;
      });
      return c.json(summary(updated), 202);
    });
}
