// Liveness says the process answers; readiness says its dependencies do.
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app.js";
import { problemResponse } from "./errors.js";

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export function mountHealth(app: OpenAPIHono<AppEnv>, checks: ReadinessCheck[], timeoutMs: number): void {
  app.get("/healthz", (c) => c.json({ status: "ok" }));

  app.get("/readyz", async (c) => {
    const results = await Promise.all(checks.map((check) => runCheck(check, timeoutMs)));
    const failed = results.filter((result) => result.error !== undefined);
    if (failed.length === 0) return c.json({ status: "ok", checks: checks.map((check) => check.name) });
    for (const { name, error } of failed)
      c.var.logger.warn({ check: name, err: error }, "readiness check failed");
    return problemResponse(c, {
      status: 503,
      code: "not_ready",
      title: "Not ready",
      detail: `Failing: ${failed.map((result) => result.name).join(", ")}`,
      // The check's own message may carry hosts or credentials, so it stays in the log.
      errors: failed.map((result) => ({
        path: result.name,
        code: "unavailable" as const,
        message: result.error instanceof CheckTimeout ? `timed out after ${timeoutMs} ms` : "failed",
      })),
    });
  });
}

class CheckTimeout extends Error {}

async function runCheck(
  check: ReadinessCheck,
  timeoutMs: number,
): Promise<{ name: string; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(check.name)), timeoutMs);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return { name: check.name };
  } catch (error) {
    return { name: check.name, error };
  } finally {
    clearTimeout(timer);
  }
}
