// The Hono app every service starts from: request plumbing, errors, health, metrics and docs.

import { OpenAPIHono } from "@hono/zod-openapi";
import type { Database } from "@relais/db";
import type { Principal, TokenVerifier } from "./auth.js";
import { auditDenials } from "./denied-audit.js";
import { mountDocs } from "./docs.js";
import { limitBody, requireMetricsToken, securityHeaders } from "./edge.js";
import { notFound, onError } from "./error-handler.js";
import { mountHealth, type ReadinessCheck } from "./health.js";
import type { Logger } from "./logger.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { observe } from "./observe.js";
import { BEARER_SCHEME } from "./openapi.js";
import { defaultHook } from "./validation.js";

export type AppEnv = {
  Variables: {
    requestId: string;
    principal: Principal;
    logger: Logger;
    /** Set for every request so `requireRoles` needs no module-level state. */
    verifyToken: TokenVerifier;
  };
};

export interface ServiceAppOptions {
  name: string;
  version: string;
  logger: Logger;
  verifyToken: TokenVerifier;
  readiness: ReadinessCheck[];
  bodyLimitBytes?: number;
  /** `/metrics` answers only `Authorization: Bearer <metricsToken>`; without one it is a 404. */
  metricsToken?: string;
  /** Where refused attempts on /v1 are recorded (the service's own audit table). */
  auditDatabase?: Database;
  metrics?: Metrics;
  readinessTimeoutMs?: number;
}

export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

export function createServiceApp(options: ServiceAppOptions): OpenAPIHono<AppEnv> {
  const metrics = options.metrics ?? createMetrics();
  const app = new OpenAPIHono<AppEnv>({ defaultHook });

  app.use("*", observe({ logger: options.logger, metrics, verifyToken: options.verifyToken }));
  app.use("*", securityHeaders());
  if (options.auditDatabase) app.use("/v1/*", auditDenials(options.auditDatabase));
  app.use("*", limitBody(options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES));
  app.onError(onError);
  app.notFound(notFound);

  mountHealth(app, options.readiness, options.readinessTimeoutMs ?? 2_000);
  const { metricsToken } = options;
  if (metricsToken) {
    app.get("/metrics", requireMetricsToken(metricsToken), async (c) => {
      return c.body(await metrics.registry.metrics(), 200, { "Content-Type": metrics.registry.contentType });
    });
  }

  app.openAPIRegistry.registerComponent("securitySchemes", BEARER_SCHEME, {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: { title: options.name, version: options.version },
  });
  mountDocs(app, `${options.name} API`);

  return app;
}
