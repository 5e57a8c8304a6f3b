// What every answer of every service carries, and the parts of the edge that are not routes:
// the body limit, the headers that keep personal data out of caches, and who may read /metrics.
import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./app.js";
import { problemResponse, Unauthorized } from "./errors.js";

/**
 * `nosniff` on every answer; `no-store` on every `/v1` answer. Deciding per route which
 * answers carry personal data would be one more thing to get wrong, and nothing under /v1
 * gains from being cached.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    if (c.req.path === "/v1" || c.req.path.startsWith("/v1/")) c.header("Cache-Control", "no-store");
  };
}

/**
 * 413 for a body over `maxSize`, with `Connection: close`. The rest of the body is never read,
 * so the connection cannot carry another request: without the header a keep-alive client
 * sends its next request on a socket the server is about to drop, and never gets an answer.
 */
export function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize,
    onError: (c) =>
      problemResponse(c, {
        status: 413,
        code: "payload_too_large",
        title: "Payload too large",
        detail: `The request body exceeds ${maxSize} bytes`,
        headers: { Connection: "close" },
      }),
  });
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * True when the request carries `Authorization: Bearer <token>`; compared in constant time.
 * Metrics name routes, rates and the process, nothing personal, but they are for the scraper
 * that holds the token and no one else who reaches the port.
 */
export function requireMetricsToken(token: string): MiddlewareHandler<AppEnv> {
  const expected = digest(token);
  return async (c, next) => {
    const given = /^Bearer\s+(\S+)$/i.exec(c.req.header("Authorization")?.trim() ?? "")?.[1];
    if (!given || !timingSafeEqual(digest(given), expected)) throw new Unauthorized();
    await next();
  };
}
