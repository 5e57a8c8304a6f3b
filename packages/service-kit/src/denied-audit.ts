// Refused attempts on /v1 (401, 403, 404) go into the audit trail of the organisation whose
// caller was refused, so a coordinator can see who tried: a colleague of another team, a zone
// asking for another zone's referral, a former member of staff with an expired token.
//
// Every matched /v1 route counts, not a hand-kept list of "personal" ones (the same simplest
// rule as `no-store`). An attempt with no token, or a forged one, names no organisation anyone
// can trust (otherwise anyone could write into any organisation's trail): it goes to the log.
import type { Database } from "@relais/db";
import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv } from "./app.js";
import { recordDenied } from "./audit.js";
import { type Principal, principalFromClaims, TokenRefused } from "./auth.js";

const DENIED = new Set([401, 403, 404]);

export function auditDenials(database: Database): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const status = c.res.status;
    if (!DENIED.has(status) || !(c.req.path === "/v1" || c.req.path.startsWith("/v1/"))) return;
    const pattern = routePath(c, -1);
    // A path no route matched names no record: nothing to trace but a typo or a scanner.
    if (pattern === "" || pattern.endsWith("*")) return;
    const principal = callerOf(c);
    const route = `${c.req.method} ${pattern}`;
    if (!principal) {
      c.var.logger.warn({ route, status, path: c.req.path }, "access denied to an unidentified caller");
      return;
    }
    const params = c.req.param() as Record<string, string>;
    try {
      await database.write((tx) =>
        recordDenied(tx, {
          principal,
          status,
          route,
          recordType: pattern.split("/")[2] ?? "",
          recordId: Object.values(params).join("/").slice(0, 200) || "-",
          requestId: c.var.requestId,
        }),
      );
    } catch (error) {
      // The refusal itself stands; losing its trace must not turn it into a 500.
      c.var.logger.error({ err: error, route, status }, "could not record a denied attempt");
    }
  };
}

function callerOf(c: Context<AppEnv>): Principal | undefined {
  const verified = c.get("principal") as Principal | undefined;
  if (verified) return verified;
  if (c.error instanceof TokenRefused) {
    try {
      return principalFromClaims(c.error.claims);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
