// Production sign-in: OpenID Connect, authorization code with PKCE, against any IdP. The IdP's
// claims become a Relais user through the configured mapping; its tokens never leave this server.
import type { Database } from "@relais/db";
import { type Clock, Unauthorized } from "@relais/service-kit";
import { eq, lt } from "drizzle-orm";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import * as oidc from "openid-client";
import type * as schema from "../db/schema.js";
import { pendingSignIns } from "../db/schema.js";
import type { ConsoleAppEnv } from "../http/console-env.js";
import { type CookiePolicy, writeSessionCookie } from "../session/cookies.js";
import type { SessionStore } from "../session/session-store.js";
import { type ClaimsMapping, userFromClaims } from "./claims-mapping.js";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  scopes: string;
  mapping: ClaimsMapping;
  allowHttp: boolean;
  publicUrl: string;
}

const PENDING_MINUTES = 10;
const STATE_COOKIE = "relais_oidc_state";

export function oidcRoutes(deps: {
  settings: OidcSettings;
  store: SessionStore;
  cookies: CookiePolicy;
  database: Database<typeof schema>;
  clock: Clock;
}) {
  const { settings } = deps;
  const redirectUri = new URL("/auth/oidc/callback", settings.publicUrl).toString();
  // Discovered on the first sign-in, so the console starts while the IdP is still down.
  let configuration: Promise<oidc.Configuration> | undefined;
  const discover = () => {
    configuration ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        settings.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  };

  return new Hono<ConsoleAppEnv>()
    .get("/auth/oidc/start", async (c) => {
      const config = await discover();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const now = deps.clock.now();
      await deps.database.write(async (tx) => {
        const stale = new Date(now.getTime() - PENDING_MINUTES * 60_000).toISOString();
        await tx.delete(pendingSignIns).where(lt(pendingSignIns.createdAt, stale));
        await tx.insert(pendingSignIns).values({ state, codeVerifier, nonce, createdAt: now.toISOString() });
      });
      // Binds the answer to this browser: the IdP's redirect back is a cross-site navigation,
      // so this one cookie is Lax; the session cookie itself stays Strict.
      setCookie(c, STATE_COOKIE, state, {
        httpOnly: true,
        sameSite: "Lax",
        secure: deps.cookies.secure,
        path: "/auth/oidc",
        maxAge: PENDING_MINUTES * 60,
      });
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: "S256",
        state,
        nonce,
      });
      return c.redirect(url.toString(), 302);
    })
    .get("/auth/oidc/callback", async (c) => {
      const state = c.req.query("state") ?? "";
      const bound = getCookie(c, STATE_COOKIE);
      deleteCookie(c, STATE_COOKIE, { path: "/auth/oidc" });
      if (!state || bound !== state) throw new Unauthorized("This sign-in was not started in this browser");
      const pending = await deps.database.write(async (tx) => {
        const [row] = await tx.select().from(pendingSignIns).where(eq(pendingSignIns.state, state)).limit(1);
        if (row) await tx.delete(pendingSignIns).where(eq(pendingSignIns.state, state));
        return row;
      });
      const fresh =
        pending &&
        deps.clock.now().getTime() - new Date(pending.createdAt).getTime() < PENDING_MINUTES * 60_000;
      if (!pending || !fresh) throw new Unauthorized("This sign-in expired; start again");
      const config = await discover();
      const current = new URL(redirectUri);
      current.search = new URL(c.req.url).search;
      let claims: Record<string, unknown>;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        claims = { ...(tokens.claims() ?? {}) };
      } catch (error) {
        c.var.logger.warn({ err: error }, "OIDC sign-in refused");
        throw new Unauthorized("The identity provider's answer was refused");
      }
      const user = userFromClaims(settings.mapping, claims);
      const { id } = await deps.store.create(user);
      writeSessionCookie(c, deps.cookies, id);
      return c.redirect("/", 303);
    });
}
