// `GET /v1/dead-letters`, `POST /v1/dead-letters/{id}/replay` and `POST /v1/dead-letters/replay`
// (all of them), the same on every service. Coordinators (DESIGN) and admins (who operate the bus)
// see their own organisation's only. The payload may carry a person: only a coordinator opens it
// (`GET /v1/dead-letters/{id}`), and that read is audited.
import { z } from "@hono/zod-openapi";
import { type ConsumerRunner, getDeadLetter, listDeadLetters } from "@relais/bus";
import { PageQuery } from "@relais/contracts";
import type { Database } from "@relais/db";
import { recordAudit } from "./audit.js";
import { principalOf } from "./auth.js";
import { Conflict, NotFound } from "./errors.js";
import { jsonBody, jsonResponse } from "./openapi.js";
import { decodeCursor, encodeCursor } from "./pagination.js";
import { guardedRoute, routeModule } from "./route.js";

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

const listRoute = guardedRoute({
  method: "get",
  path: "/v1/dead-letters",
  summary: "Events a consumer gave up on",
  roles: ["coordinator", "admin"],
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(DeadLetter), nextCursor: z.string().nullable() }), "A page"),
  },
});

const replayRoute = guardedRoute({
  method: "post",
  path: "/v1/dead-letters/{id}/replay",
  summary: "Run a dead letter's event through its consumer again",
  roles: ["coordinator", "admin"],
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 200: jsonResponse(DeadLetter, "Replayed") },
});

const readRoute = guardedRoute({
  method: "get",
  path: "/v1/dead-letters/{id}",
  summary: "One dead letter with its event as it came (coordinators; the read is audited)",
  roles: ["coordinator"],
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

const replayAllRoute = guardedRoute({
  method: "post",
  path: "/v1/dead-letters/replay",
  summary: "Replay every dead letter of the organisation that is still dead, up to an instant",
  roles: ["coordinator", "admin"],
  request: { body: jsonBody(ReplayAllInput) },
  responses: {
    200: jsonResponse(
      z.object({ replayed: z.number().int(), failed: z.number().int() }).openapi("ReplayAllResult"),
      "How many went through",
    ),
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
  const { app } = routeModule(deps);
  // A payload that names no organisation may carry anyone's person: nobody sees it over HTTP, not
  // even `admin` (docs/security.md, "Dead letters and admin").
  const listOwn = (orgId: string, limit: number, after: string | undefined) =>
    listDeadLetters(deps.database, { orgId, includeUnknownOrg: false, limit, after });
  const own = async (id: string, orgId: string) => {
    const row = await getDeadLetter(deps.database, id);
    if (!row || row.orgId !== orgId) throw new NotFound("No such dead letter");
    return row;
  };
  return app
    .openapi(listRoute, async (c) => {
      const { limit, cursor } = c.req.valid("query");
      const rows = await listOwn(principalOf(c).org, limit + 1, decodeCursor(cursor, z.string()));
      const page = rows.slice(0, limit);
      const nextCursor = rows.length > limit ? encodeCursor(page[page.length - 1]?.id) : null;
      return c.json({ items: page.map(present), nextCursor }, 200);
    })
    .openapi(readRoute, async (c) => {
      const principal = principalOf(c);
      const { id } = c.req.valid("param");
      const row = await own(id, principal.org);
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
      const { org } = principalOf(c);
      const upTo = new Date(c.req.valid("json").upTo).toISOString();
      let replayed = 0;
      let failed = 0;
      let after: string | undefined;
      for (;;) {
        const rows = await listOwn(org, 100, after);
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
      const { id } = c.req.valid("param");
      await own(id, principalOf(c).org);
      const result = await deps.runner.replay(id);
      if (result.status === "already_replayed")
        throw new Conflict("This dead letter was already replayed", "already_replayed");
      if (result.status === "failed") throw new Conflict(`Replay failed: ${result.error}`, "replay_failed");
      const updated = await getDeadLetter(deps.database, id);
      return c.json(present(updated!), 200);
    });
}
