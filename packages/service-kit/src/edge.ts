// What every answer of every service carries, and the parts of the edge that are not routes:
// the body limit, the headers that keep personal data out of caches, and who may read /metrics.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
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

/** A declared body up to this size is read and dropped before the 413 goes out (see `limitBody`). */
export const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 2_000;

/**
 * 413 for a body over `maxSize`, with `Connection: close`. The rest of the body is never parsed,
 * so the connection cannot carry another request: without the header a keep-alive client
 * sends its next request on a socket the server is about to drop, and never gets an answer.
 *
 * A body that states its length is judged by `Content-Length` alone (Node's parser never reads
 * past it), without touching `c.req.raw.body`: on @hono/node-server that property builds a full
 * web Request around the socket (~6 % of an intake's CPU), where `c.req.json()` alone reads the
 * body straight from it. A GET or HEAD has no body. Only a chunked body is counted as it streams.
 *
 * Closing a socket whose peer is still sending makes the kernel answer with a reset, which can
 * overtake the 413 itself: the client then sees `EPIPE` or `ECONNRESET` instead of a problem
 * document naming the limit. So a declared body of at most `DRAIN_LIMIT_BYTES` is read and
 * dropped first (for `DRAIN_TIMEOUT_MS` at the most); a larger one is refused at once, and a
 * client sending that much is told by the reset alone.
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
      const declared = Number.parseInt(length, 10);
      if (!(declared > maxSize)) return next();
      if (declared <= DRAIN_LIMIT_BYTES) await drain(incomingOf(c));
      return tooLarge(c);
    }
    return streamed(c, next);
  };
}

/** The Node request behind the context when served by @hono/node-server; none in `app.request`. */
function incomingOf(c: Context): IncomingMessage | undefined {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming;
}

function drain(incoming: IncomingMessage | undefined): Promise<void> {
  if (!incoming || incoming.readableEnded || incoming.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      incoming.off("end", done).off("close", done).off("error", done);
      resolve();
    };
    const timer = setTimeout(done, DRAIN_TIMEOUT_MS);
    incoming.on("end", done).on("close", done).on("error", done);
    incoming.resume();
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
