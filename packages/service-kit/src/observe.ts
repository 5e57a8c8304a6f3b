// Per-request plumbing: request id, child logger, one log line and the HTTP metrics.
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { setAnswerHeader } from "./answer-header.js";
import type { AppEnv } from "./app.js";
import type { TokenVerifier } from "./auth.js";
import { type Logger, lazyChild } from "./logger.js";
import type { Metrics } from "./metrics.js";
import { requestIdFrom } from "./request-id.js";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function observe(deps: {
  logger: Logger;
  metrics: Metrics;
  verifyToken: TokenVerifier;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = requestIdFrom(c.req.header("X-Request-Id"));
    c.set("requestId", requestId);
    c.set("logger", lazyChild(deps.logger, { requestId }));
    c.set("verifyToken", deps.verifyToken);

    await next();

    setAnswerHeader(c, "X-Request-Id", requestId);
    const seconds = (performance.now() - started) / 1000;
    const status = c.res.status;
    const labels = {
      method: METHODS.has(c.req.method) ? c.req.method : "OTHER",
      route: routeLabel(routePath(c, -1), status),
      status: String(status),
    };
    deps.metrics.httpRequestsTotal.inc(labels);
    deps.metrics.httpRequestDurationSeconds.observe(labels, seconds);
    // Through the parent, `requestId` first: the same line the request's child would write.
    deps.logger.info(
      {
        requestId,
        method: c.req.method,
        path: c.req.path,
        route: labels.route,
        status,
        ms: Math.round(seconds * 1e4) / 10,
      },
      "request",
    );
  };
}

// Raw paths would give one time series per id; an unmatched request only matched wildcards.
function routeLabel(path: string, status: number): string {
  return status === 404 && (path === "" || path.endsWith("*")) ? "unmatched" : path;
}
