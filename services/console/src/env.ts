// The console's configuration. It signs people in one of two ways, never both: the development
// picker (the stack runs on the development secret, JWT_SECRET) or OpenID Connect (OIDC_ISSUER).
import { BaseEnv, ConfigError, loadConfig, serviceDefaults } from "@relais/service-kit";
import { z } from "zod";

const minutes = z.coerce
  .number()
  .int()
  .min(1)
  .max(24 * 60);

export const ConsoleEnv = BaseEnv.omit({ JWKS_URL: true, NATS_URL: true, NATS_REPLICAS: true }).extend({
  ...serviceDefaults("console", 3000),
  /** Where people open the console; its origin is the issuer of the service tokens. */
  PUBLIC_URL: z.url({ error: "expected a URL" }).default("http://127.0.0.1:3000"),
  GROUPS_URL: z.url({ error: "expected a URL" }).default("http://127.0.0.1:3001"),
  REFERRALS_URL: z.url({ error: "expected a URL" }).default("http://127.0.0.1:3002"),
  NOTIFICATIONS_URL: z.url({ error: "expected a URL" }).default("http://127.0.0.1:3003"),
  CONFERENCES_URL: z.url({ error: "expected a URL" }).default("http://127.0.0.1:3004"),
  HOUSING_URL: z.url({ error: "expected a URL" }).default("http://127.0.0.1:3005"),
  /** The console's ES256 private key as a JWK (JSON); a fresh one per start when unset. */
  CONSOLE_SIGNING_KEY: z.string().min(1).optional(),
  SERVICE_TOKEN_MINUTES: z.coerce.number().int().min(1).max(15).default(5),
  SESSION_IDLE_MINUTES: minutes.default(10),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24).default(12),
  OIDC_ISSUER: z.url({ error: "expected a URL" }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().default("openid profile email"),
  /** JSON: which IdP claims give organisation, roles, teams, zone and name (see README). */
  OIDC_CLAIMS: z.string().optional(),
  /** Allow an IdP over plain http (the offline test's mock IdP only). */
  OIDC_ALLOW_HTTP: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** Sign-in attempts (picker or OIDC start/callback) one client address may make per window; 0: no limit. */
  SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(0).default(60),
  SIGN_IN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  /** Where the built web app is; the console serves it. */
  WEB_DIST: z.string().optional(),
});
export type ConsoleEnv = z.infer<typeof ConsoleEnv>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): ConsoleEnv {
  const config = loadConfig(ConsoleEnv, env);
  const dev = config.JWT_SECRET !== undefined;
  const oidc = config.OIDC_ISSUER !== undefined;
  if (dev === oidc) {
    throw new ConfigError([
      {
        name: "JWT_SECRET / OIDC_ISSUER",
        reason:
          "set exactly one: JWT_SECRET (development sign-in picker) or OIDC_ISSUER (OpenID Connect); the picker never exists beside OIDC",
      },
    ]);
  }
  if (oidc && !config.OIDC_CLIENT_ID) {
    throw new ConfigError([{ name: "OIDC_CLIENT_ID", reason: "required with OIDC_ISSUER" }]);
  }
  return config;
}
