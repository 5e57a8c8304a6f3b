// `GET /v1/dead-letters` and `POST /v1/dead-letters/{id}/replay`, the same on every service.
// Coordinators (DESIGN) and admins (who operate the bus) see their own organisation's only.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { type ConsumerRunner, getDeadLetter, listDeadLetters } from "@relais/bus";
import { PageQuery } from "@relais/contracts";
import type { Database } from "@relais/db";
import type { AppEnv } from "./app.js";
import { principalOf, requireRoles } from "./auth.js";
import { Conflict, NotFound } from "./errors.js";
import { bearerSecurity, jsonResponse, ProblemResponses } from "./openapi.js";
import { decodeCursor, encodeCursor } from "./pagination.js";
import { defaultHook } from "./validation.js";

const DeadLetter = z
  .object({
    id: z.string(),
    consumer: z.string(),
    subject: z.string(),
    eventId: z.string().nullable(),
    error: z.string(),
    deliveries: z.number(),
    status: z.enum(["dead", "replayed"]),
    createdAt: z.string(),
    replayedAt: z.string().nullable(),
  })
  .openapi("DeadLetter");

const listRoute = createRoute({
  method: "get",
  path: "/v1/dead-letters",
  summary: "Events a consumer gave up on",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator", "admin")] as const,
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(DeadLetter), nextCursor: z.string().nullable() }), "A page"),
    ...ProblemResponses,
  },
});

const replayRoute = createRoute({
  method: "post",
  path: "/v1/dead-letters/{id}/replay",
  summary: "Run a dead letter's event through its consumer again",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator", "admin")] as const,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 200: jsonResponse(DeadLetter, "Replayed"), ...ProblemResponses },
});

function present(row: NonNullable<Awaited<ReturnType<typeof getDeadLetter>>>): z.infer<typeof DeadLetter> {
  return {
    id: row.id,
    consumer: row.consumer,
    subject: row.subject,
    eventId: row.eventId,
    error: row.error,
    deliveries: row.deliveries,
    status: row.status,
    createdAt: row.createdAt,
    replayedAt: row.replayedAt,
  };
}

export function deadLetterRoutes(deps: { database: Database; runner: ConsumerRunner }) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  return app
    .openapi(listRoute, async (c) => {
      const principal = principalOf(c);
      const { limit, cursor } = c.req.valid("query");
      const after = decodeCursor(cursor, z.string());
      const rows = await listDeadLetters(deps.database, {
        orgId: principal.org,
        // A payload that names no organisation may carry anyone's person: nobody sees it over
        // HTTP, not even `admin` (docs/security.md, "Dead letters and admin").
        includeUnknownOrg: false,
        limit: limit + 1,
        after,
      });
      const page = rows.slice(0, limit);
      const nextCursor = rows.length > limit ? encodeCursor(page[page.length - 1]?.id) : null;
      return c.json({ items: page.map(present), nextCursor }, 200);
    })
    .openapi(replayRoute, async (c) => {
      const principal = principalOf(c);
      const { id } = c.req.valid("param");
      const row = await getDeadLetter(deps.database, id);
      if (!row || row.orgId !== principal.org) throw new NotFound("No such dead letter");
      const result = await deps.runner.replay(id);
      if (result.status === "already_replayed")
        throw new Conflict("This dead letter was already replayed", "already_replayed");
      if (result.status === "failed") throw new Conflict(`Replay failed: ${result.error}`, "replay_failed");
      const updated = await getDeadLetter(deps.database, id);
      return c.json(present(updated!), 200);
    });
}
