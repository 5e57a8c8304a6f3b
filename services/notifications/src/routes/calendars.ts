// Private calendar feeds for facilitators. The token in the feed's URL is the only credential, so
// only its hash is stored, and `hideFeedToken` takes it out of the path before any logging sees it.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { newId, SeriesSnapshot } from "@relais/contracts";
import {
  type AppEnv,
  bearerSecurity,
  defaultHook,
  jsonResponse,
  NotFound,
  ProblemResponses,
  principalOf,
  recordAudit,
  requireRoles,
} from "@relais/service-kit";
import { and, eq, isNull } from "drizzle-orm";
import type { AppDeps } from "../app.js";
import { buildFeed, hashFeedToken, newFeedToken } from "../calendar/feed.js";
import { calendarFeeds, series } from "../db/schema.js";

/** Where a feed request is answered once its token has moved to a header. */
export const FEED_PATH = "/v1/calendars/feed.ics";
export const FEED_TOKEN_HEADER = "x-relais-feed-token";
const FEED_URL = /^\/v1\/calendars\/([A-Za-z0-9_-]{1,128})\.ics$/;

/** Rewrites `/v1/calendars/<token>.ics` so the token never reaches a log line or a metric label. */
export function hideFeedToken(request: Request): Request {
  const url = new URL(request.url);
  const match = FEED_URL.exec(url.pathname);
  const headers = new Headers(request.headers);
  headers.delete(FEED_TOKEN_HEADER);
  if (match?.[1]) headers.set(FEED_TOKEN_HEADER, match[1]);
  if (!match && !request.headers.has(FEED_TOKEN_HEADER)) return request;
  url.pathname = match ? FEED_PATH : url.pathname;
  return new Request(url, {
    method: request.method,
    headers,
    body: request.body,
    duplex: "half",
  } as RequestInit);
}

const Feed = z
  .object({
    id: z.string(),
    url: z.string().openapi({ description: "Secret: anyone with it can read the feed. Shown once." }),
    createdAt: z.string(),
  })
  .openapi("CalendarFeed");

const createFeedRoute = createRoute({
  method: "post",
  path: "/v1/calendars",
  summary: "A new private calendar feed of the caller's sessions; earlier feeds stop working",
  description:
    "Not idempotent by design: replaying a stored response would mean storing the secret. A retried POST simply issues a fresh feed and revokes the previous one.",
  security: bearerSecurity,
  middleware: [requireRoles("facilitator", "programme_staff")] as const,
  responses: { 201: jsonResponse(Feed, "The feed; its URL is shown only now"), ...ProblemResponses },
});

const revokeRoute = createRoute({
  method: "delete",
  path: "/v1/calendars/{id}",
  summary: "Revoke one of the caller's feeds",
  security: bearerSecurity,
  middleware: [requireRoles("facilitator", "programme_staff")] as const,
  request: { params: z.object({ id: z.uuid({ error: "Expected a feed id" }) }) },
  responses: { 204: { description: "Revoked" }, ...ProblemResponses },
});

export function calendarRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });
  app.openAPIRegistry.registerPath({
    method: "get",
    path: "/v1/calendars/{token}.ics",
    summary: "A private calendar feed (no bearer token: the token in the path is the secret)",
    request: { params: z.object({ token: z.string() }) },
    responses: {
      200: { description: "iCalendar", content: { "text/calendar": { schema: z.string() } } },
      404: ProblemResponses[404],
    },
  });
  app.get(FEED_PATH, async (c) => {
    const token = c.req.header(FEED_TOKEN_HEADER);
    const [feed] = token
      ? await deps.database.db
          .select()
          .from(calendarFeeds)
          .where(and(eq(calendarFeeds.tokenHash, hashFeedToken(token)), isNull(calendarFeeds.revokedAt)))
          .limit(1)
      : [];
    if (!feed) throw new NotFound("No such calendar feed");
    const rows = await deps.database.db.select().from(series).where(eq(series.orgId, feed.orgId));
    const seriesList = rows
      .map((row) => SeriesSnapshot.parse(row.snapshot))
      .filter((s) => s.facilitators.some((f) => f.sub === feed.sub));
    const body = buildFeed({
      seriesList,
      sub: feed.sub,
      now: deps.clock.now(),
      mailFrom: deps.settings.mailFrom,
    });
    return c.body(body, 200, {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, no-store",
    });
  });
  return app
    .openapi(createFeedRoute, async (c) => {
      const principal = principalOf(c);
      const token = newFeedToken();
      const id = newId();
      const at = deps.clock.now().toISOString();
      await deps.database.write(async (tx) => {
        await tx
          .update(calendarFeeds)
          .set({ revokedAt: at })
          .where(
            and(
              eq(calendarFeeds.orgId, principal.org),
              eq(calendarFeeds.sub, principal.sub),
              isNull(calendarFeeds.revokedAt),
            ),
          );
        await tx.insert(calendarFeeds).values({
          id,
          orgId: principal.org,
          sub: principal.sub,
          tokenHash: hashFeedToken(token),
          createdAt: at,
        });
        await recordAudit(tx, {
          principal,
          action: "calendar_feed.create",
          recordType: "calendar_feed",
          recordId: id,
          requestId: c.var.requestId,
        });
      });
      return c.json({ id, url: `${deps.settings.publicUrl}/v1/calendars/${token}.ics`, createdAt: at }, 201);
    })
    .openapi(revokeRoute, async (c) => {
      const principal = principalOf(c);
      const { id } = c.req.valid("param");
      const at = deps.clock.now().toISOString();
      const revoked = await deps.database.write(async (tx) => {
        const rows = await tx
          .update(calendarFeeds)
          .set({ revokedAt: at })
          .where(
            and(
              eq(calendarFeeds.id, id),
              eq(calendarFeeds.orgId, principal.org),
              eq(calendarFeeds.sub, principal.sub),
              isNull(calendarFeeds.revokedAt),
            ),
          )
          .returning({ id: calendarFeeds.id });
        if (rows.length > 0)
          await recordAudit(tx, {
            principal,
            action: "calendar_feed.revoke",
            recordType: "calendar_feed",
            recordId: id,
            requestId: c.var.requestId,
          });
        return rows.length > 0;
      });
      if (!revoked) throw new NotFound("No active feed of yours with this id");
      return c.body(null, 204);
    });
}
