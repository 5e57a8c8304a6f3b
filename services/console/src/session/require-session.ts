// Every /api and session route runs behind this: a live session, and for anything that changes
// state a same-origin request carrying the session's CSRF token.
import { DomainError, Forbidden } from "@relais/service-kit";
import type { MiddlewareHandler } from "hono";
import type { ConsoleAppEnv } from "../http/console-env.js";
import { type CookiePolicy, clearSessionCookie, readSessionCookie } from "./cookies.js";
import { csrfMatches, type SessionStore } from "./session-store.js";

export class SessionRequired extends DomainError {
  constructor(reason: "none" | "idle" | "absolute") {
    super({
      status: 401,
      code: reason === "none" ? "session_required" : "session_expired",
      title: "Sign in again",
      detail:
        reason === "none"
          ? "You are not signed in"
          : reason === "idle"
            ? "Your session ended after a period without activity"
            : "Your session reached its maximum length",
    });
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Refuses a state change that another site started (a form post, a fetch from elsewhere). */
export function assertSameOrigin(origin: string | undefined, fetchSite: string | undefined, host: string) {
  if (fetchSite && fetchSite !== "same-origin") throw new Forbidden("Cross-site request refused");
  if (origin === undefined) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new Forbidden("Cross-site request refused");
  }
  if (originHost !== host) throw new Forbidden("Cross-site request refused");
}

export function requireSession(store: SessionStore, cookies: CookiePolicy): MiddlewareHandler<ConsoleAppEnv> {
  return async (c, next) => {
    const changes = !SAFE_METHODS.has(c.req.method);
    if (changes)
      assertSameOrigin(c.req.header("Origin"), c.req.header("Sec-Fetch-Site"), c.req.header("Host") ?? "");
    // Background refreshes (a queue polling itself) do not count as the person being active.
    const touch = c.req.header("X-Relais-Activity") !== "background";
    const found = await store.lookup(readSessionCookie(c, cookies), { touch });
    if (found.kind !== "active") {
      if (found.kind === "expired") clearSessionCookie(c, cookies);
      throw new SessionRequired(found.kind === "expired" ? found.reason : "none");
    }
    if (changes && !csrfMatches(c.req.header("X-CSRF-Token"), found.session.csrfToken)) {
      throw new Forbidden("Missing or wrong CSRF token");
    }
    c.set("session", found.session);
    await next();
  };
}
