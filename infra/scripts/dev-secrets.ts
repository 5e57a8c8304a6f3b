// Development-only secrets, generated on first start into .data/dev-secrets.json (git-ignored).
// Production sets JWT_SECRET or JWKS_URL, DATA_KEY, JS_KEY and the seal keys from its own secret
// store. A file written by an older version gets the keys it lacks added on the next start.
import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateRecipientKeyPair, recipientPublicKey } from "@relais/service-kit";

export interface DevSecrets {
  JWT_SECRET: string;
  DATA_KEY: string;
  /** The console's ES256 private key (a JWK as JSON): it signs the service tokens it mints. */
  CONSOLE_SIGNING_KEY: string;
  /** nats-server's JetStream store key (`jetstream { cipher: chachapoly, key: $JS_KEY }`). */
  JS_KEY: string;
  /** X25519 private keys of the services that open sealed event fields. */
  GROUPS_SEAL_PRIVATE_KEY: string;
  NOTIFICATIONS_SEAL_PRIVATE_KEY: string;
  /** Each service's NATS password (infra/nats/authorization.conf: one user per service). */
  NATS_GROUPS_PASSWORD: string;
  NATS_REFERRALS_PASSWORD: string;
  NATS_NOTIFICATIONS_PASSWORD: string;
  NATS_CONFERENCES_PASSWORD: string;
  NATS_HOUSING_PASSWORD: string;
}

/** The services that log in to NATS, each as itself. */
export const NATS_USERS = ["groups", "referrals", "notifications", "conferences", "housing"] as const;
const natsPasswordName = (service: string) => `NATS_${service.toUpperCase()}_PASSWORD` as keyof DevSecrets;

/** An ES256 private key as a JWK, with its RFC 7638 thumbprint as `kid`. */
function consoleSigningKey(): string {
  const jwk = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" });
  const thumbprint = createHash("sha256")
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
    .digest("base64url");
  return JSON.stringify({ ...jwk, kid: thumbprint, alg: "ES256" });
}

const generators: { [K in keyof DevSecrets]: () => string } = {
  JWT_SECRET: () => randomBytes(32).toString("base64url"),
  DATA_KEY: () => randomBytes(32).toString("base64"),
  CONSOLE_SIGNING_KEY: consoleSigningKey,
  // nats-server reads `key: $JS_KEY` as a number when the value starts with a digit (or a sign)
  // and refuses to start: a random key did so about one start in six. A letter first avoids it.
  JS_KEY: () => `jsk${randomBytes(32).toString("base64url")}`,
  GROUPS_SEAL_PRIVATE_KEY: () => generateRecipientKeyPair().privateKey,
  NOTIFICATIONS_SEAL_PRIVATE_KEY: () => generateRecipientKeyPair().privateKey,
  // A letter first for the same reason as JS_KEY: nats-server substitutes them into its config.
  NATS_GROUPS_PASSWORD: () => natsPassword(),
  NATS_REFERRALS_PASSWORD: () => natsPassword(),
  NATS_NOTIFICATIONS_PASSWORD: () => natsPassword(),
  NATS_CONFERENCES_PASSWORD: () => natsPassword(),
  NATS_HOUSING_PASSWORD: () => natsPassword(),
};

function natsPassword(): string {
  return `nap${randomBytes(24).toString("base64url")}`;
}

/** What nats-server reads from its environment: every service's password (the environment wins). */
export function natsServerPasswords(secrets: DevSecrets): Record<string, string> {
  return Object.fromEntries(
    NATS_USERS.map((service) => {
      const name = natsPasswordName(service);
      return [name, process.env[name] ?? secrets[name]];
    }),
  );
}

/** How one service logs in to the development NATS. */
export function natsLogin(secrets: DevSecrets, service: string): Record<string, string> {
  if (!(NATS_USERS as readonly string[]).includes(service)) return {};
  return { NATS_USER: service, NATS_PASSWORD: natsServerPasswords(secrets)[natsPasswordName(service)]! };
}

export function devSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, "dev-secrets.json");
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<DevSecrets>) : {};
  // A JS_KEY written by an earlier version may start with a digit, which nats-server cannot read:
  // replaced (the development store it encrypted could not be opened anyway).
  if (existing.JS_KEY && !/^[A-Za-z]/.test(existing.JS_KEY)) delete existing.JS_KEY;
  const missing = (Object.keys(generators) as Array<keyof DevSecrets>).filter((name) => !existing[name]);
  // Older files lack the newer keys: add them, keep everything else.
  if (missing.length === 0) return existing as DevSecrets;
  const secrets = { ...existing } as DevSecrets;
  for (const name of missing) secrets[name] = generators[name]();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

/**
 * The keys one service gets: the shared development DATA_KEY, its own seal private key if it
 * opens sealed fields, and the public keys of the services it seals for. The environment wins.
 */
export function serviceKeys(secrets: DevSecrets, service: string): Record<string, string> {
  const env = process.env;
  const groupsPrivate = env.GROUPS_SEAL_PRIVATE_KEY ?? secrets.GROUPS_SEAL_PRIVATE_KEY;
  const notificationsPrivate = env.NOTIFICATIONS_SEAL_PRIVATE_KEY ?? secrets.NOTIFICATIONS_SEAL_PRIVATE_KEY;
  const own = { groups: groupsPrivate, notifications: notificationsPrivate }[service];
  return {
    DATA_KEY: env.DATA_KEY ?? secrets.DATA_KEY,
    GROUPS_SEAL_PUBLIC_KEY: recipientPublicKey(groupsPrivate),
    NOTIFICATIONS_SEAL_PUBLIC_KEY: recipientPublicKey(notificationsPrivate),
    ...(own ? { SEAL_PRIVATE_KEY: own } : {}),
  };
}
