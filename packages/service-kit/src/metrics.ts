// Each app gets its own registry, so several apps in one test process never collide on names.
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

export interface Metrics {
  readonly registry: Registry;
  readonly httpRequestsTotal: Counter<"method" | "route" | "status">;
  readonly httpRequestDurationSeconds: Histogram<"method" | "route" | "status">;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ["method", "route", "status"] as const;
  return {
    registry,
    httpRequestsTotal: new Counter({
      name: "http_requests_total",
      help: "HTTP requests handled, by route pattern and status",
      labelNames,
      registers: [registry],
    }),
    httpRequestDurationSeconds: new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request duration in seconds",
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}
