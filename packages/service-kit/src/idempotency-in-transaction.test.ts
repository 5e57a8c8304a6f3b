// The in-transaction mode: the key is stored with the effect, so a duplicate — in this process or
// another one on the same database — has no effect and gets the first answer.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRoute, z } from "@hono/zod-openapi";
import { openDatabase } from "@relais/db";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import * as schema from "../test/schema.js";
import { jsonRequest, SECRET, token } from "../test/widgets-app.js";
import { createServiceApp } from "./app.js";
import { hs256Verifier, principalOf, requireRoles } from "./auth.js";
import { idempotency, idempotencyOf } from "./idempotency.js";
import { jsonBody, jsonResponse, ProblemResponses } from "./openapi.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function openShared(dir: string) {
  return openDatabase({
    url: `file:${join(dir, "widgets.db")}`,
    schema,
    migrationsFolder: fileURLToPath(new URL("../test/drizzle", import.meta.url)),
  });
}

/** One "process": its own database handle (so its own per-key lock) on a shared file. */
function widgetsProcess(database: Awaited<ReturnType<typeof openShared>>) {
  const app = createServiceApp({
    name: "widgets",
    version: "1",
    logger: pino({ level: "silent" }),
    verifyToken: hs256Verifier(SECRET),
    readiness: [],
  });
  const route = createRoute({
    method: "post",
    path: "/v1/widgets",
    middleware: [requireRoles("coordinator"), idempotency(database, { inTransaction: true })] as const,
    request: { body: jsonBody(z.object({ name: z.string().min(1), size: z.number().int() })) },
    responses: {
      201: jsonResponse(z.object({ id: z.string(), name: z.string() }), "Created"),
      ...ProblemResponses,
    },
  });
  return app.openapi(route, async (c) => {
    const principal = principalOf(c);
    const input = c.req.valid("json");
    const save = idempotencyOf(c);
    const id = crypto.randomUUID();
    const body = { id, name: input.name };
    await database.write(async (tx) => {
      await tx
        .insert(schema.widgets)
        .values({ id, org: principal.org, name: input.name, size: input.size, tags: [] });
      // Widen the window in which a rival could slip through.
      await new Promise((resolve) => setTimeout(resolve, 2));
      await save.save(tx, 201, body);
    });
    return c.json(body, 201);
  });
}

async function widgetCount(database: Awaited<ReturnType<typeof openShared>>) {
  const [row] = await database.db.select({ n: sql<number>`count(*)` }).from(schema.widgets);
  return Number(row?.n);
}

describe("idempotency in the effect's transaction", () => {
  it("replays the first answer, refuses another body, and makes one effect from 20 concurrent duplicates", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kit-idem-"));
    dirs.push(dir);
    const database = await openShared(dir);
    const app = widgetsProcess(database);
    const auth = await token(["coordinator"]);

    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.request("/v1/widgets", jsonRequest({ name: "a", size: 1 }, { token: auth, key: "k1" })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const ids = new Set(await Promise.all(answers.map(async (a) => ((await a.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.headers.get("Idempotent-Replayed") === "true")).toHaveLength(19);
    expect(await widgetCount(database)).toBe(1);

    const reused = await app.request(
      "/v1/widgets",
      jsonRequest({ name: "b", size: 1 }, { token: auth, key: "k1" }),
    );
    expect(reused.status).toBe(409);
    expect(((await reused.json()) as { code: string }).code).toBe("idempotency_key_reused");

    // A failed request stores nothing: the same key works once the input is fixed.
    const bad = await app.request(
      "/v1/widgets",
      jsonRequest({ name: "", size: 1 }, { token: auth, key: "k2" }),
    );
    expect(bad.status).toBe(400);
    const fixed = await app.request(
      "/v1/widgets",
      jsonRequest({ name: "c", size: 1 }, { token: auth, key: "k2" }),
    );
    expect(fixed.status).toBe(201);
    database.close();
  });

  it("has one effect when two processes on the same database race with one key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kit-idem-"));
    dirs.push(dir);
    const first = await openShared(dir);
    // Another process does not share this one's per-key lock. A copy of the handle gets its own
    // lock (locks are per handle) but the same connection: two handles on one file in one process
    // would block each other's event loop in SQLite's synchronous busy wait, which two real
    // processes never do.
    const second = { ...first };
    const apps = [widgetsProcess(first), widgetsProcess(second)];
    const auth = await token(["coordinator"]);

    for (let round = 0; round < 10; round++) {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          apps[i % 2]!.request(
            "/v1/widgets",
            jsonRequest({ name: `r${round}`, size: round }, { token: auth, key: `race-${round}` }),
          ),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
      const ids = new Set(
        await Promise.all(answers.map(async (a) => ((await a.json()) as { id: string }).id)),
      );
      expect(ids.size).toBe(1);
    }
    expect(await widgetCount(first)).toBe(10);
    first.close();
  });
});
