// Forwards the web app's /api/<service>/v1/... calls to the services with a short-lived bearer
// token minted for the signed-in user. The browser never sees a token; the services decide what
// this person may see, and the console passes their answer on as it is.
import { DomainError } from "@relais/service-kit";
import { Hono } from "hono";
import type { CookiePolicy } from "../session/cookies.js";
import { requireSession } from "../session/require-session.js";
import type { SessionStore } from "../session/session-store.js";
import type { TokenMinter } from "../tokens/minter.js";
import type { ConsoleAppEnv } from "./console-env.js";

export type ServiceName = "groups" | "referrals" | "notifications" | "conferences" | "housing";

const FORWARDED_REQUEST_HEADERS = ["content-type", "accept", "accept-language", "idempotency-key"];
const FORWARDED_RESPONSE_HEADERS = ["content-type", "idempotent-replayed", "retry-after", "x-request-id"];

class Upstream extends DomainError {
  constructor(service: string, timedOut: boolean) {
    super({
      status: timedOut ? 504 : 502,
      code: timedOut ? "upstream_timeout" : "upstream_unavailable",
      title: "Service unavailable",
      detail: `The ${service} service did not answer; try again in a moment`,
      headers: { "Retry-After": "5" },
    });
  }
}

export function proxyRoutes(deps: {
  services: Record<ServiceName, string>;
  minter: TokenMinter;
  store: SessionStore;
  cookies: CookiePolicy;
  timeoutMs?: number;
}) {
  const app = new Hono<ConsoleAppEnv>();
  for (const [name, base] of Object.entries(deps.services) as Array<[ServiceName, string]>) {
    app.all(`/api/${name}/v1/*`, requireSession(deps.store, deps.cookies), async (c) => {
      const incoming = new URL(c.req.url);
      const target = new URL(incoming.pathname.slice(`/api/${name}`.length) + incoming.search, base);
      const headers = new Headers();
      for (const header of FORWARDED_REQUEST_HEADERS) {
        const value = c.req.header(header);
        if (value) headers.set(header, value);
      }
      headers.set("Authorization", `Bearer ${await deps.minter.mint(c.var.session.user)}`);
      headers.set("X-Request-Id", c.var.requestId);
      const body = ["GET", "HEAD"].includes(c.req.method) ? undefined : await c.req.arrayBuffer();
      let answer: Response;
      try {
        answer = await fetch(target, {
          method: c.req.method,
          headers,
          body,
          redirect: "manual",
          signal: AbortSignal.timeout(deps.timeoutMs ?? 15_000),
        });
      } catch (error) {
        c.var.logger.warn({ err: error, service: name }, "service call failed");
        throw new Upstream(name, error instanceof Error && error.name === "TimeoutError");
      }
      const out = new Headers();
      for (const header of FORWARDED_RESPONSE_HEADERS) {
        const value = answer.headers.get(header);
        if (value) out.set(header === "x-request-id" ? "X-Upstream-Request-Id" : header, value);
      }
      return new Response(answer.body, { status: answer.status, headers: out });
    });
  }
  return app;
}
