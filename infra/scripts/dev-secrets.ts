// Development-only secrets, generated on first start into .data/dev-secrets.json (git-ignored).
// Production sets JWT_SECRET or JWKS_URL, and DATA_KEY, from its own secret store.
import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface DevSecrets {
  JWT_SECRET: string;
  DATA_KEY: string;
  /** The console's ES256 private key (a JWK as JSON): it signs the service tokens it mints. */
  CONSOLE_SIGNING_KEY: string;
}

/** An ES256 private key as a JWK, with its RFC 7638 thumbprint as `kid`. */
function consoleSigningKey(): string {
  const jwk = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" });
  const thumbprint = createHash("sha256")
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
    .digest("base64url");
  return JSON.stringify({ ...jwk, kid: thumbprint, alg: "ES256" });
}

export function devSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, "dev-secrets.json");
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<DevSecrets>) : {};
  // Older files lack the console's key: add it, keep everything else.
  if (existing.JWT_SECRET && existing.DATA_KEY && existing.CONSOLE_SIGNING_KEY) return existing as DevSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: DevSecrets = {
    JWT_SECRET: existing.JWT_SECRET ?? randomBytes(32).toString("base64url"),
    DATA_KEY: existing.DATA_KEY ?? randomBytes(32).toString("base64"),
    CONSOLE_SIGNING_KEY: existing.CONSOLE_SIGNING_KEY ?? consoleSigningKey(),
  };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
