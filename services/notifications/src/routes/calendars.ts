// Private calendar feeds for facilitators. The token in the feed's URL is the only credential, so
// only its hash is stored, and `hideFeedToken` takes it out of the path before any logging sees it.
import { z } from "@hono/zod-openapi";
import { guardedRoute, jsonResponse, ProblemResponses, routeModule } from "@relais/service-kit";
import type { AppDeps } from "../actions/context.js";
import { issueCalendarFeed } from "../actions/issue-calendar-feed.js";
import { readCalendarFeed } from "../actions/read-calendar-feed.js";
import { revokeCalendarFeed } from "../actions/revoke-calendar-feed.js";

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

const createFeedRoute = guardedRoute({
  method: "post",
  path: "/v1/calendars",
  summary: "A new private calendar feed of the caller's sessions; earlier feeds stop working",
  description:
    "Not idempotent by design: replaying a stored response would mean storing the secret. A retried POST simply issues a fresh feed and revokes the previous one.",
  roles: ["facilitator", "programme_staff"],
  responses: { 201: jsonResponse(Feed, "The feed; its URL is shown only now") },
});

const revokeRoute = guardedRoute({
  method: "delete",
  path: "/v1/calendars/{id}",
  summary: "Revoke one of the caller's feeds",
  roles: ["facilitator", "programme_staff"],
  request: { params: z.object({ id: z.uuid({ error: "Expected a feed id" }) }) },
  responses: { 204: { description: "Revoked" } },
});

export function calendarRoutes(deps: AppDeps) {
  const { app, context } = routeModule(deps);
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
    const body = await readCalendarFeed(deps, c.req.header(FEED_TOKEN_HEADER));
    return c.body(body, 200, {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, no-store",
    });
  });
  return app
    .openapi(createFeedRoute, async (c) => c.json(await issueCalendarFeed(context(c)), 201))
    .openapi(revokeRoute, async (c) => {
      await revokeCalendarFeed(context(c), c.req.valid("param").id);
      return c.body(null, 204);
    });
}
