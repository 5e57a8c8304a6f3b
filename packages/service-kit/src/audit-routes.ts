// `GET /v1/audit`, the same on every service: the organisation's audit trail for its coordinators,
// what was read and changed and what was refused, newest first.
import { z } from "@hono/zod-openapi";
import { Instant, PageQuery, Role } from "@relais/contracts";
import type { Database } from "@relais/db";
import { listAudit } from "./audit.js";
import { principalOf } from "./auth.js";
import { jsonResponse } from "./openapi.js";
import { guardedRoute, routeModule } from "./route.js";

const AuditEntry = z
  .object({
    id: z.string(),
    outcome: z.enum(["allowed", "denied"]),
    actor: z.object({ sub: z.string(), roles: z.array(Role) }),
    action: z.string().openapi({ description: "e.g. `contact.read`; `access.denied` for a refusal" }),
    recordType: z.string(),
    recordId: z.string(),
    status: z.number().int().nullable().openapi({ description: "A refusal's HTTP status: 401, 403 or 404" }),
    route: z
      .string()
      .nullable()
      .openapi({ description: "A refusal's route, e.g. `GET /v1/contacts/:personRef`" }),
    requestId: z.string().nullable(),
    at: z.string(),
  })
  .openapi("AuditEntry");

const AuditQuery = PageQuery.extend({
  outcome: z.enum(["allowed", "denied"]).optional(),
  from: Instant.optional().openapi({ description: "Entries at or after this instant" }),
  to: Instant.optional().openapi({ description: "Entries before this instant" }),
  recordId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "One record: a person reference, a referral id, …" }),
  actor: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "One member of staff (token subject)" }),
});

const listRoute = guardedRoute({
  method: "get",
  path: "/v1/audit",
  summary: "The organisation's audit trail: reads, changes and refused attempts",
  roles: ["coordinator"],
  request: { query: AuditQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }), "A page"),
  },
});

export function auditRoutes(deps: { database: Database }) {
  const { app } = routeModule(deps);
  return app.openapi(listRoute, async (c) => {
    const { org } = principalOf(c);
    const { limit, cursor, outcome, from, to, recordId, actor } = c.req.valid("query");
    const page = await listAudit(deps.database.db, org, {
      limit,
      cursor,
      outcome,
      from: from ? new Date(from) : undefined,
      to: to ? new Date(to) : undefined,
      recordId,
      actor,
    });
    return c.json(page, 200);
  });
}
