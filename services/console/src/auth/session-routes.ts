// What the web app asks about its session: who is signed in, the CSRF token, the clocks; and
// the two things a person does to it: stay signed in, sign out.
import { Language } from "@relais/contracts";
import { Invalid } from "@relais/service-kit";
import { Hono } from "hono";
import type { ConsoleAppEnv } from "../http/console-env.js";
import { type CookiePolicy, clearSessionCookie, readSessionCookie } from "../session/cookies.js";
import { assertSameOrigin, requireSession } from "../session/require-session.js";
import type { Session, SessionStore } from "../session/session-store.js";

export type SignInMode = "development" | "oidc";

export function describeSession(session: Session, idleMinutes: number) {
  return {
    signedIn: true as const,
    user: {
      // The subject the service tokens carry: a screen lists its own person among a group's facilitators.
      sub: session.user.sub,
      name: session.user.name,
      org: session.user.org,
      roles: session.user.roles,
      teams: session.user.teams,
      zone: session.user.zone ?? null,
    },
    language: session.language,
    csrfToken: session.csrfToken,
    idleMinutes,
    idleEndsAt: session.idleEndsAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
  };
}

export function sessionRoutes(deps: {
  store: SessionStore;
  cookies: CookiePolicy;
  mode: SignInMode;
  idleMinutes: number;
}) {
  const guard = requireSession(deps.store, deps.cookies);
  return new Hono<ConsoleAppEnv>()
    .get("/auth/session", async (c) => {
      const found = await deps.store.lookup(readSessionCookie(c, deps.cookies), { touch: true });
      if (found.kind !== "active") {
        if (found.kind === "expired") clearSessionCookie(c, deps.cookies);
        return c.json({ signedIn: false as const, mode: deps.mode, ended: found.kind === "expired" });
      }
      return c.json({ ...describeSession(found.session, deps.idleMinutes), mode: deps.mode });
    })
    .post("/auth/session/keepalive", guard, (c) =>
      c.json({ idleEndsAt: c.var.session.idleEndsAt.toISOString() }),
    )
    .put("/auth/session/language", guard, async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as { language?: unknown };
      const language = Language.safeParse(body.language);
      if (!language.success) {
        throw new Invalid("Unknown language", [
          { path: "language", code: "invalid_choice", message: "Expected fr, nl or en" },
        ]);
      }
      await deps.store.setLanguage(c.var.session.idHash, language.data);
      return c.json({ language: language.data });
    })
    .post("/auth/sign-out", async (c) => {
      assertSameOrigin(c.req.header("Origin"), c.req.header("Sec-Fetch-Site"), c.req.header("Host") ?? "");
      const found = await deps.store.lookup(readSessionCookie(c, deps.cookies), { touch: false });
      if (found.kind === "active") await deps.store.end(found.session.idHash);
      clearSessionCookie(c, deps.cookies);
      // The browser drops its cache, cookies and storage for this origin: Back shows nothing.
      c.header("Clear-Site-Data", '"cache", "cookies", "storage"');
      return c.json({ signedIn: false });
    });
}
