// The console's backend for the frontend: sessions, sign-in, service tokens and the forwarding
// of the web app's API calls, on the same kit (errors, logs, health, metrics) as the services.
import type { Database } from "@relais/db";
import {
  type Clock,
  clientAddress,
  createServiceApp,
  type Logger,
  type RateLimit,
  rateLimit,
  Unauthorized,
} from "@relais/service-kit";
import { devSignInRoutes } from "./auth/dev-sign-in.js";
import { type OidcSettings, oidcRoutes } from "./auth/oidc.js";
import { sessionRoutes } from "./auth/session-routes.js";
import type * as schema from "./db/schema.js";
import { proxyRoutes, type ServiceName } from "./http/proxy.js";
import { securityHeaders } from "./http/security-headers.js";
import { webAppRoutes } from "./http/web-app.js";
import { cookiePolicy } from "./session/cookies.js";
import { createSessionStore, type SessionPolicy } from "./session/session-store.js";
import type { TokenMinter } from "./tokens/minter.js";

export interface AppDeps {
  database: Database<typeof schema>;
  logger: Logger;
  clock: Clock;
  minter: TokenMinter;
  publicUrl: string;
  services: Record<ServiceName, string>;
  session: SessionPolicy;
  /** Exactly one way to sign in: the development picker, or OpenID Connect. */
  signIn: { mode: "development" } | { mode: "oidc"; settings: OidcSettings };
  /** Sign-in attempts per client address (SIGN_IN_RATE_LIMIT); absent, as in most tests, no limit. */
  signInLimit?: RateLimit;
  webDist: string;
}

export function createApp(deps: AppDeps) {
  const app = createServiceApp({
    name: "Relais console",
    version: "0.1.0",
    logger: deps.logger,
    // The console takes no bearer tokens: people come with a session cookie.
    verifyToken: async () => {
      throw new Unauthorized("The console takes no bearer tokens");
    },
    readiness: [{ name: "database", check: () => deps.database.ping() }],
  });
  app.use("*", securityHeaders());
  const store = createSessionStore(deps.database, deps.clock, deps.session);
  const cookies = cookiePolicy(deps.publicUrl);
  const common = { store, cookies, idleMinutes: deps.session.idleMinutes };

  app.get("/.well-known/jwks.json", (c) => c.json(deps.minter.jwks()));
  // One budget per client address for every way in: the picker and both legs of OIDC.
  const limitSignIn = rateLimit({
    ...(deps.signInLimit ?? { limit: 0, windowMs: 60_000 }),
    what: "sign-in attempts from this address",
    key: clientAddress,
  });
  app.use("/auth/dev/sign-in", limitSignIn);
  app.use("/auth/oidc/*", limitSignIn);
  app.route("/", sessionRoutes({ ...common, mode: deps.signIn.mode }));
  if (deps.signIn.mode === "development") app.route("/", devSignInRoutes(common));
  else {
    app.route(
      "/",
      oidcRoutes({ ...common, settings: deps.signIn.settings, database: deps.database, clock: deps.clock }),
    );
  }
  app.route("/", proxyRoutes({ ...common, services: deps.services, minter: deps.minter }));
  app.route("/", webAppRoutes(deps.webDist));
  return Object.assign(app, { sessions: store });
}
