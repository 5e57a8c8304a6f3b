// What every service's `createApp(deps)` receives from `bootService` (or from a test harness).
import type { ConsumerRunner } from "@relais/bus";
import type { Database, Schema } from "@relais/db";
import type { TokenVerifier } from "./auth.js";
import type { Clock } from "./clock.js";
import type { ReadinessCheck } from "./health.js";
import type { Logger } from "./logger.js";

export interface ServiceDeps<S extends Schema = Schema> {
  database: Database<S>;
  logger: Logger;
  verifyToken: TokenVerifier;
  clock: Clock;
  runner: ConsumerRunner;
  natsCheck: () => Promise<void>;
  /** The HTTP edge's settings from the environment; tests leave it out (no /metrics). */
  edge?: EdgeOptions;
}

/** What `createServiceApp` takes from the environment: `BODY_LIMIT_BYTES`, `METRICS_TOKEN`. */
export interface EdgeOptions {
  bodyLimitBytes?: number;
  metricsToken?: string;
}

/**
 * `/readyz` of a service: its database answers and takes writes (after a storage fault, until a
 * probe write goes through again), and NATS is connected.
 */
export function serviceReadiness(deps: Pick<ServiceDeps, "database" | "natsCheck">): ReadinessCheck[] {
  return [
    { name: "database", check: () => deps.database.ping() },
    { name: "storage", check: () => deps.database.writable() },
    { name: "nats", check: deps.natsCheck },
  ];
}
