// Rate limits on the routes anyone can hammer (police intake, the console's sign-in), on
// hono-rate-limiter: a fixed window per key in this process's memory. An answer over the limit is
// the kit's 429 problem+json with Retry-After; a limit of 0 turns the middleware off.
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, Env, MiddlewareHandler } from "hono";
import { type RateLimitInfo, rateLimiter } from "hono-rate-limiter";
import { problemResponse } from "./errors.js";

export interface RateLimit {
  /** Requests per window and key; 0 or less: no limit. */
  limit: number;
  windowMs: number;
}

export interface RateLimitOptions<E extends Env> extends RateLimit {
  /** What one budget belongs to (a police zone, a client address). */
  key(c: Context<E>): string | Promise<string>;
  /** Says in the problem's detail what was limited, e.g. "referrals filed by this police zone". */
  what: string;
}

export function rateLimit<E extends Env>(options: RateLimitOptions<E>): MiddlewareHandler<E> {
  if (options.limit <= 0) return (_c, next) => next();
  const limiter = rateLimiter<E>({
    limit: options.limit,
    windowMs: options.windowMs,
    standardHeaders: "draft-6",
    keyGenerator: options.key,
    handler: (c) => {
      const info = (c as unknown as Context<{ Variables: { rateLimit: RateLimitInfo } }>).get("rateLimit");
      const retryAfter = Math.max(
        1,
        Math.ceil(((info?.resetTime?.getTime() ?? Date.now() + options.windowMs) - Date.now()) / 1_000),
      );
      return problemResponse(c, {
        status: 429,
        code: "rate_limited",
        title: "Too many requests",
        detail: `Too many ${options.what}: at most ${options.limit} every ${Math.round(options.windowMs / 1_000)} s; retry after ${retryAfter} s`,
        headers: { "Retry-After": String(retryAfter) },
      });
    },
  });
  return limiter as MiddlewareHandler<E>;
}

/** The client's address as the socket saw it; "unknown" when there is no socket (in-process tests). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
