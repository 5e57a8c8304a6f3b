// A tiny service built the way real ones are, to exercise the kit end to end on a real libSQL file.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createRoute, z } from "@hono/zod-openapi";
import { type AuditAction, type AuditRecordType, PageQuery, type Role } from "@relais/contracts";
import { openDatabase } from "@relais/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import {
  auditRoutes,
  bearerSecurity,
  createLogger,
  createServiceApp,
  Forbidden,
  hs256Verifier,
  idempotency,
  jsonBody,
  jsonResponse,
  NotFound,
  ProblemResponses,
  principalOf,
  type ReadinessCheck,
  recordAudit,
  requireRoles,
  signDevToken,
  type VerbContext,
  verbContext,
  writeVerb,
} from "../src/index.js";
import * as schema from "./schema.js";

export const SECRET = "test-secret-that-is-at-least-32-chars-long";
export const ORG = "org-a";

export function token(
  roles: Role[],
  overrides: { org?: string; sub?: string; secret?: string; expiresIn?: string | number } = {},
) {
  return signDevToken({
    secret: overrides.secret ?? SECRET,
    sub: overrides.sub ?? "user-1",
    org: overrides.org ?? ORG,
    roles,
    expiresIn: overrides.expiresIn,
  });
}

const WidgetInput = z.object({
  name: z.string().min(1),
  size: z.number().int(),
  tags: z.array(z.string()).optional(),
});
const Widget = z.object({ id: z.string(), name: z.string(), size: z.number(), tags: z.array(z.string()) });

export async function startWidgetsApp(
  options: { readiness?: ReadinessCheck[]; bodyLimitBytes?: number; metricsToken?: string } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), "service-kit-"));
  const database = await openDatabase({
    url: `file:${join(dir, "widgets.db")}`,
    schema,
    migrationsFolder: fileURLToPath(new URL("./drizzle", import.meta.url)),
  });
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    name: "widgets",
    destination: new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  });
  const app = createServiceApp({
    name: "widgets",
    version: "1.0.0",
    logger,
    verifyToken: hs256Verifier(SECRET),
    readiness: options.readiness ?? [{ name: "database", check: () => database.ping() }],
    bodyLimitBytes: options.bodyLimitBytes,
    metricsToken: options.metricsToken,
    auditDatabase: database,
  });
  app.route("/", auditRoutes({ database }));
  let effects = 0;

  const createWidget = createRoute({
    method: "post",
    path: "/v1/widgets",
    middleware: [requireRoles("coordinator", "admin"), idempotency()] as const,
    security: bearerSecurity,
    request: { body: jsonBody(WidgetInput) },
    responses: { 201: jsonResponse(Widget, "The widget"), ...ProblemResponses },
  });
  // The verb, in the one shape: (ctx, input), its transaction and stored answer run by writeVerb.
  async function makeWidget(
    ctx: VerbContext<{ database: typeof database }>,
    input: z.infer<typeof WidgetInput>,
  ) {
    const { principal } = ctx;
    const widget = { id: randomUUID(), name: input.name, size: input.size, tags: input.tags ?? [] };
    // A yield before the write widens the window in which duplicates could slip through.
    await new Promise((resolve) => setTimeout(resolve, 5));
    return writeVerb(ctx, async (tx, authorised) => {
      // The verb's own authorisation comes first, so a stored answer never reaches someone it refuses.
      if (!principal.roles.includes("coordinator") && input.size > 10)
        throw new Forbidden("Only coordinators make large widgets");
      // Widgets tagged "mine" are the creator's own: their answer is kept for the creator alone.
      await authorised(input.tags?.includes("mine") ? `sub:${principal.sub}` : undefined);
      await tx.insert(schema.widgets).values({ ...widget, org: principal.org });
      await recordAudit(tx, {
        principal,
        // The kit's own fixture: an action no service writes, so none of theirs is taken.
        action: "widget.created" as AuditAction,
        recordType: "widget" as AuditRecordType,
        recordId: widget.id,
        requestId: ctx.requestId,
      });
      return widget;
    });
  }
  app.openapi(createWidget, async (c) => {
    const answer = { status: 201, present: (widget: WidgetBody) => widget };
    const widget = await makeWidget(verbContext(c, { database }, answer), c.req.valid("json"));
    effects += 1;
    return c.json(widget, 201);
  });

  const getWidget = createRoute({
    method: "get",
    path: "/v1/widgets/{id}",
    middleware: [requireRoles("coordinator", "caseworker")] as const,
    security: bearerSecurity,
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 200: jsonResponse(Widget, "The widget"), ...ProblemResponses },
  });
  app.openapi(getWidget, async (c) => {
    const { org } = principalOf(c);
    const [row] = await database.db
      .select()
      .from(schema.widgets)
      .where(and(eq(schema.widgets.id, c.req.valid("param").id), eq(schema.widgets.org, org)));
    if (!row) throw new NotFound("No such widget");
    return c.json({ id: row.id, name: row.name, size: row.size, tags: row.tags }, 200);
  });

  const listWidgets = createRoute({
    method: "get",
    path: "/v1/widgets",
    middleware: [requireRoles("coordinator")] as const,
    security: bearerSecurity,
    request: { query: PageQuery },
    responses: { 200: jsonResponse(z.object({ items: z.array(Widget) }), "Widgets"), ...ProblemResponses },
  });
  app.openapi(listWidgets, async (c) => {
    const { org } = principalOf(c);
    const rows = await database.db
      .select()
      .from(schema.widgets)
      .where(eq(schema.widgets.org, org))
      .limit(c.req.valid("query").limit);
    return c.json({ items: rows.map(({ org: _org, ...widget }) => widget) }, 200);
  });

  app.get("/v1/boom", () => {
    throw new Error("secret database password in a message");
  });

  return {
    app,
    database,
    logs,
    effects: () => effects,
    async close() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type WidgetsApp = Awaited<ReturnType<typeof startWidgetsApp>>;

/**
 * The widgets app a test file's tests share: started before them (then `seeded`, say with a route
 * or rows of the file's own), closed after. Call it at the file's top; read it in the tests.
 */
export function useWidgetsApp(seeded?: (kit: WidgetsApp) => void | Promise<void>): WidgetsApp {
  let started: WidgetsApp | undefined;
  beforeAll(async () => {
    started = await startWidgetsApp();
    await seeded?.(started);
  });
  afterAll(() => started?.close());
  const kit = () => {
    if (!started) throw new Error("widgets app not started yet");
    return started;
  };
  return {
    get app() {
      return kit().app;
    },
    get database() {
      return kit().database;
    },
    get logs() {
      return kit().logs;
    },
    effects: () => kit().effects(),
    close: () => kit().close(),
  };
}

/** A JSON request with a bearer token; `key` sets Idempotency-Key. */
export function jsonRequest(
  body: unknown,
  options: { token?: string; key?: string; method?: string; headers?: Record<string, string> } = {},
): RequestInit {
  return {
    method: options.method ?? "POST",
    headers: {
      "Content-Type": "application/json",
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...(options.key ? { "Idempotency-Key": options.key } : {}),
      ...options.headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}

export type WidgetBody = { id: string; name: string; size: number; tags: string[] };

export async function widgetOf(response: Response): Promise<WidgetBody> {
  return (await response.json()) as WidgetBody;
}

/** Asserts the RFC 9457 shape every error shares, and returns the body. */
export async function problemOf(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  if (!response.headers.get("content-type")?.startsWith("application/problem+json")) {
    throw new Error(`Expected problem+json, got ${response.headers.get("content-type")}: ${text}`);
  }
  if (/\bat .+:\d+:\d+/.test(text)) throw new Error(`Stack trace leaked: ${text}`);
  return JSON.parse(text);
}
