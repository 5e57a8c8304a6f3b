// Parses the environment once at start-up; a bad value stops the process naming the variable.
import { z } from "zod";
import { DEFAULT_BODY_LIMIT_BYTES } from "./app.js";
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  eitherVerifier,
  hs256Verifier,
  jwksVerifier,
  rememberVerified,
  type TokenVerifier,
} from "./auth.js";
import { Key32, PreviousKeys } from "./key-config.js";
import { createRecipientOpener } from "./recipient-seal.js";
import { createSealedBox, type SealedBox } from "./sealed-box.js";

export class ConfigError extends Error {
  constructor(readonly problems: Array<{ name: string; reason: string }>) {
    super(`Invalid configuration: ${problems.map((p) => `${p.name}: ${p.reason}`).join("; ")}`);
    this.name = "ConfigError";
  }
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * A whole number from the environment, refused with a message that says what to write instead:
 * `outside` below `min` (and above `max`, unless `aboveMax` says it better); `of` names what it
 * counts ("seconds": "expected a number of seconds").
 */
export function wholeNumber(
  range: { min: number; max?: number; of?: string },
  outside: string,
  aboveMax = outside,
) {
  const counting = range.of ? ` of ${range.of}` : "";
  const number = z.coerce
    .number({ error: `expected a number${counting}` })
    .int(`expected a whole number${counting}`)
    .min(range.min, outside);
  return range.max === undefined ? number : number.max(range.max, aboveMax);
}

/** A count, a size or a delay that must be at least 1. */
export const PositiveWholeNumber = wholeNumber({ min: 1 }, "expected a positive number");

export const Port = wholeNumber({ min: 1, max: 65_535 }, "expected a port between 1 and 65535");

/**
 * Variables every service reads. A plain object, not refined, so services can `.extend()` it
 * and override defaults (zod refuses to overwrite keys of a refined object); `loadConfig`
 * applies the "JWT_SECRET and/or JWKS_URL" rule to any schema that has both keys.
 */
export const BaseEnv = z.object({
  PORT: Port,
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  NATS_URL: z.string().min(1).default("nats://127.0.0.1:4222"),
  NATS_REPLICAS: wholeNumber({ min: 1, max: 5 }, "expected 1 to 5").default(1),
  /**
   * The service's NATS user and password, when the server authorises by user
   * (infra/nats/authorization.conf: each service may publish its own events only).
   */
  NATS_USER: z.string().min(1).optional(),
  NATS_PASSWORD: z.string().min(1).optional(),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  JWKS_URL: z.url({ error: "expected a URL" }).optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  /** Seconds a token may live (`exp - iat`); longer ones are refused. */
  JWT_MAX_LIFETIME: wholeNumber(
    { min: 60, max: 7 * 86_400, of: "seconds" },
    "expected at least 60 seconds",
    "expected at most a week (604800 seconds)",
  ).default(DEFAULT_MAX_TOKEN_LIFETIME_SECONDS),
  /** Seconds an `iat` or `nbf` may lie in the future (the issuer's clock may run ahead). */
  JWT_CLOCK_SKEW: wholeNumber(
    { min: 0, max: 600, of: "seconds" },
    "expected 0 or more seconds",
    "expected at most 600 seconds",
  ).default(DEFAULT_CLOCK_SKEW_SECONDS),
  /** Bearer token the Prometheus scraper sends to `/metrics`; unset, `/metrics` is not served. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  BODY_LIMIT_BYTES: PositiveWholeNumber.default(DEFAULT_BODY_LIMIT_BYTES),
});
export type BaseEnv = z.infer<typeof BaseEnv>;

/**
 * The key that seals personal fields at rest, for every service that keeps any: spread it into
 * the service's schema (`BaseEnv.extend({ ...DataKeyEnv, … })`) and open the box with `dataBox`.
 */
export const DataKeyEnv = {
  /** AES-256-GCM key for personal fields at rest and dead-lettered payloads: 32 bytes, base64. */
  DATA_KEY: Key32,
  /** Older keys still able to open rows sealed before a rotation, comma-separated. */
  DATA_KEY_PREVIOUS: PreviousKeys,
};

/** The service's DATA_KEY box, from its parsed configuration. */
export function dataBox(config: { DATA_KEY: string; DATA_KEY_PREVIOUS: string[] }): SealedBox {
  return createSealedBox(config.DATA_KEY, config.DATA_KEY_PREVIOUS);
}

/**
 * Where a service listens and keeps its database unless told otherwise: its own port of the local
 * stack and `.data/<name>.db`.
 */
export function serviceDefaults(name: string, port: number) {
  return { PORT: Port.default(port), DATABASE_URL: z.string().default(`file:.data/${name}.db`) };
}

/**
 * The X25519 private key of a service that events carry sealed fields for (groups, notifications):
 * spread it into the service's schema and open the events with `recipientOpener`.
 */
export const SealKeyEnv = {
  SEAL_PRIVATE_KEY: Key32,
  /** Older private keys during a rotation, comma-separated: events sealed for them still open. */
  SEAL_PRIVATE_KEY_PREVIOUS: PreviousKeys,
};

/** The opener of what producers sealed for this service, from its parsed configuration. */
export function recipientOpener(config: { SEAL_PRIVATE_KEY: string; SEAL_PRIVATE_KEY_PREVIOUS: string[] }) {
  return createRecipientOpener(config.SEAL_PRIVATE_KEY, config.SEAL_PRIVATE_KEY_PREVIOUS);
}

export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  // `FOO=` in a .env file means "not set", not "set to the empty string".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = schema.safeParse(present);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        name: issue.path.length > 0 ? issue.path.map(String).join(".") : "(environment)",
        reason: issue.message,
      }));
  if (declaresAuth(schema)) problems.push(...authProblems(present));
  if ((present.NATS_USER === undefined) !== (present.NATS_PASSWORD === undefined))
    problems.push({ name: "NATS_USER / NATS_PASSWORD", reason: "set both or neither" });
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}

function declaresAuth(schema: z.ZodType): boolean {
  return schema instanceof z.ZodObject && "JWT_SECRET" in schema.shape && "JWKS_URL" in schema.shape;
}

function authProblems(env: Record<string, unknown>): Array<{ name: string; reason: string }> {
  const secret = env.JWT_SECRET !== undefined;
  const jwks = env.JWKS_URL !== undefined;
  if (!secret && !jwks) {
    return [{ name: "JWT_SECRET / JWKS_URL", reason: "set at least one of them" }];
  }
  return [];
}

/**
 * The token verifier the configuration asks for. With both set (the local stack: the
 * development secret for `pnpm token`, the console's JWKS for its users), a token is checked by
 * the one its `alg` header names, and only by that one.
 */
export function verifierFromConfig(
  config: Pick<BaseEnv, "JWT_SECRET" | "JWKS_URL" | "JWT_ISSUER" | "JWT_AUDIENCE"> &
    Partial<Pick<BaseEnv, "JWT_MAX_LIFETIME" | "JWT_CLOCK_SKEW">>,
): TokenVerifier {
  const checks = {
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    maxLifetimeSeconds: config.JWT_MAX_LIFETIME,
    clockSkewSeconds: config.JWT_CLOCK_SKEW,
  };
  const jwks = config.JWKS_URL ? jwksVerifier({ url: config.JWKS_URL, ...checks }) : undefined;
  const secret = config.JWT_SECRET ? hs256Verifier(config.JWT_SECRET, checks) : undefined;
  if (jwks && secret) return rememberVerified(eitherVerifier({ hs256: secret, asymmetric: jwks }));
  const only = jwks ?? secret;
  if (only) return rememberVerified(only);
  throw new ConfigError([{ name: "JWT_SECRET / JWKS_URL", reason: "set at least one of them" }]);
}
