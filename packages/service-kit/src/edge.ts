// What every answer of every service carries, and the parts of the edge that are not routes:
// the body limit, the headers that keep personal data out of caches, and who may read /metrics.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { setAnswerHeader } from "./answer-header.js";
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
    setAnswerHeader(c, "X-Content-Type-Options", "nosniff");
    if (c.req.path === "/v1" || c.req.path.startsWith("/v1/"))
      setAnswerHeader(c, "Cache-Control", "no-store");
  };
}

/**
 * 413 for a body over `maxSize`, with `Connection: close`. The rest of the body is never read,
 * so the connection cannot carry another request: without the header a keep-alive client
 * sends its next request on a socket the server is about to drop, and never gets an answer.
 *
 * A body that states its length is judged by `Content-Length` alone (Node's parser never reads
 * past it), without touching `c.req.raw.body`: on @hono/node-server that property builds a full
 * web Request around the socket (~6 % of an intake's CPU), where `c.req.json()` alone reads the
 * body straight from it. A GET or HEAD has no body. Only a chunked body is counted as it streams.
 */
export function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  const tooLarge = (c: Context<AppEnv>) =>
    problemResponse(c, {
      status: 413,
      code: "payload_too_large",
      title: "Payload too large",
      detail: `The request body exceeds ${maxSize} bytes`,
      headers: { Connection: "close" },
    });
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") return next();
    const length = c.req.header("Content-Length");
    if (length !== undefined && c.req.header("Transfer-Encoding") === undefined) {
      return Number.parseInt(length, 10) > maxSize ? tooLarge(c) : next();
    }
    return streamed(c, next);
  };
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
