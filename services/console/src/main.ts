import { fileURLToPath } from "node:url";
import { openDatabase } from "@relais/db";
import { createLogger, runService, startupFailure, systemClock } from "@relais/service-kit";
import { createApp } from "./app.js";
import { ClaimsMapping } from "./auth/claims-mapping.js";
import * as schema from "./db/schema.js";
import { readEnv } from "./env.js";
import { createTokenMinter } from "./tokens/minter.js";

try {
  const env = readEnv();
  const logger = createLogger({ name: "console", level: env.LOG_LEVEL });
  const database = await openDatabase({
    url: env.DATABASE_URL,
    authToken: env.DATABASE_AUTH_TOKEN,
    schema,
    migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
  });
  if (!env.CONSOLE_SIGNING_KEY) {
    logger.warn("CONSOLE_SIGNING_KEY is not set: a new key signs service tokens until this process stops");
  }
  const minter = await createTokenMinter({
    issuer: new URL(env.PUBLIC_URL).origin,
    lifetimeMinutes: env.SERVICE_TOKEN_MINUTES,
    privateJwk: env.CONSOLE_SIGNING_KEY,
  });
  const signIn = env.OIDC_ISSUER
    ? {
        mode: "oidc" as const,
        settings: {
          issuer: env.OIDC_ISSUER,
          clientId: env.OIDC_CLIENT_ID!,
          clientSecret: env.OIDC_CLIENT_SECRET,
          scopes: env.OIDC_SCOPES,
          mapping: ClaimsMapping.parse(env.OIDC_CLAIMS ? JSON.parse(env.OIDC_CLAIMS) : {}),
          allowHttp: env.OIDC_ALLOW_HTTP,
          publicUrl: env.PUBLIC_URL,
        },
      }
    : { mode: "development" as const };
  const app = createApp({
    database,
    logger,
    clock: systemClock,
    minter,
    publicUrl: env.PUBLIC_URL,
    services: {
      groups: env.GROUPS_URL,
      referrals: env.REFERRALS_URL,
      notifications: env.NOTIFICATIONS_URL,
      conferences: env.CONFERENCES_URL,
      housing: env.HOUSING_URL,
    },
    session: { idleMinutes: env.SESSION_IDLE_MINUTES, absoluteHours: env.SESSION_ABSOLUTE_HOURS },
    signIn,
    signInLimit: { limit: env.SIGN_IN_RATE_LIMIT, windowMs: env.SIGN_IN_RATE_WINDOW_SECONDS * 1_000 },
    webDist: env.WEB_DIST ?? fileURLToPath(new URL("../web/dist", import.meta.url)),
  });
  const purge = setInterval(() => {
    app.sessions.purgeExpired().catch((error) => logger.warn({ err: error }, "session purge failed"));
  }, 60_000);
  purge.unref();
  await runService({
    name: "console",
    app,
    port: env.PORT,
    host: env.HOST,
    logger,
    shutdown: [
      { name: "session purge", stop: () => clearInterval(purge) },
      { name: "database", stop: () => database.close() },
    ],
  });
} catch (error) {
  startupFailure(error);
}
