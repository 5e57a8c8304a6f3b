// Development-only secrets, generated on first start into .data/dev-secrets.json (git-ignored).
// Production sets JWT_SECRET or JWKS_URL, and DATA_KEY, from its own secret store.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface DevSecrets {
  JWT_SECRET: string;
  DATA_KEY: string;
}

export function devSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, "dev-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DevSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: DevSecrets = {
    JWT_SECRET: randomBytes(32).toString("base64url"),
    DATA_KEY: randomBytes(32).toString("base64"),
  };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
