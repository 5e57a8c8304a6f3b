// `GET /v1/dead-letters`, `POST /v1/dead-letters/{id}/replay` and `POST /v1/dead-letters/replay`
// (all of them), the same on every service. Coordinators (DESIGN) and admins (who operate the bus)
// see their own organisation's only. The payload may carry a person: only a coordinator opens it
// (`GET /v1/dead-letters/{id}`), and that read is audited.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { type ConsumerRunner, getDeadLetter, listDeadLetters } from "@relais/bus";
import { PageQuery } from "@relais/contracts";
import type { Database } from "@relais/db";
import type { AppEnv } from "./app.js";
import { recordAudit } from "./audit.js";
import { principalOf, requireRoles } from "./auth.js";
import { Conflict, NotFound } from "./errors.js";
import { bearerSecurity, jsonBody, jsonResponse, ProblemResponses } from "./openapi.js";
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

const readRoute = createRoute({
  method: "get",
  path: "/v1/dead-letters/{id}",
  summary: "One dead letter with its event as it came (coordinators; the read is audited)",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator")] as const,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: {
    200: jsonResponse(
      DeadLetter.extend({
        payload: z
          .unknown()
          .openapi({ description: "The event as it came: JSON, or the raw text when it was not JSON" }),
      }).openapi("DeadLetterDetail"),
      "The dead letter",
    ),
    ...ProblemResponses,
  },
});

const ReplayAllInput = z
  .object({
    upTo: z.iso.datetime({ offset: true }).openapi({
      description: "Replay the dead letters recorded up to this instant: the ones the caller has seen",
    }),
  })
  .strict()
  .openapi("ReplayAllInput");

const replayAllRoute = createRoute({
  method: "post",
  path: "/v1/dead-letters/replay",
  summary: "Replay every dead letter of the organisation that is still dead, up to an instant",
  security: bearerSecurity,
  middleware: [requireRoles("coordinator", "admin")] as const,
  request: { body: jsonBody(ReplayAllInput) },
  responses: {
    200: jsonResponse(
      z.object({ replayed: z.number().int(), failed: z.number().int() }).openapi("ReplayAllResult"),
      "How many went through",
    ),
    ...ProblemResponses,
  },
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
    .openapi(readRoute, async (c) => {
      const principal = principalOf(c);
      const { id } = c.req.valid("param");
      const row = await getDeadLetter(deps.database, id);
      if (!row || row.orgId !== principal.org) throw new NotFound("No such dead letter");
      const raw = (await deps.runner.readPayload(id)) ?? "";
      await deps.database.write((tx) =>
        recordAudit(tx, {
          principal,
          action: "dead_letter.read",
          recordType: "dead_letter",
          recordId: id,
          requestId: c.var.requestId,
        }),
      );
      let payload: unknown = raw;
      try {
        payload = JSON.parse(raw);
      } catch {
        // kept as text
      }
      return c.json({ ...present(row), payload }, 200);
    })
    .openapi(replayAllRoute, async (c) => {
      const principal = principalOf(c);
      const upTo = new Date(c.req.valid("json").upTo).toISOString();
      let replayed = 0;
      let failed = 0;
      let after: string | undefined;
      for (;;) {
        const rows = await listDeadLetters(deps.database, {
          orgId: principal.org,
          includeUnknownOrg: false,
          limit: 100,
          after,
        });
        for (const row of rows) {
          // createdAt is written by toISOString, so strings compare as instants.
          if (row.status !== "dead" || row.createdAt > upTo) continue;
          const result = await deps.runner.replay(row.id);
          if (result.status === "replayed") replayed += 1;
          else if (result.status === "failed") failed += 1;
        }
        if (rows.length < 100) break;
        after = rows[rows.length - 1]?.id;
      }
      return c.json({ replayed, failed }, 200);
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
