// A service's whole HTTP app from its parts: the kit's app (request plumbing, errors, health,
// metrics, docs) with the service's routes, then the dead-letter and audit routes every service has.
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "@relais/db";
import { type AppEnv, createServiceApp } from "./app.js";
import { auditRoutes } from "./audit-routes.js";
import { deadLetterRoutes } from "./dead-letter-routes.js";
import { type ServiceDeps, serviceReadiness } from "./service-deps.js";

// biome-ignore lint/suspicious/noExplicitAny: a sub-app of any routes
type Routes = OpenAPIHono<AppEnv, any, any>;

/** `title` names the service in its OpenAPI document ("Relais groups"); `routes` build its sub-apps. */
export function serviceApp<S extends Schema, D extends ServiceDeps<S>>(
  deps: D,
  title: string,
  routes: Array<(deps: D) => Routes>,
) {
  const app = createServiceApp({
    name: title,
    version: "0.1.0",
    logger: deps.logger,
    verifyToken: deps.verifyToken,
    readiness: serviceReadiness(deps),
    ...deps.edge,
    auditDatabase: deps.database,
  });
  for (const routesOf of routes) app.route("/", routesOf(deps));
  return app.route("/", deadLetterRoutes(deps)).route("/", auditRoutes(deps));
}
