// Starts Relais services as real processes, each with a libSQL file in the bench's temp folder
// and the test JWT secret: the bundle production runs (dist/main.js, built by `pnpm bench`
// first), or a main.ts through tsx when BENCH_<SERVICE>_MAIN points at one.
import { randomBytes } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { generateRecipientKeyPair, recipientPublicKey } from "@relais/service-kit";
import { freePort, type ServiceProcess, spawnService, TEST_JWT_SECRET } from "@relais/testing";

/** The seal key pairs of the services that open sealed event fields, one set per bench run. */
export const SEAL_KEYS = {
  groups: generateRecipientKeyPair().privateKey,
  notifications: generateRecipientKeyPair().privateKey,
};

function sealEnv(name: ServiceName): Record<string, string> {
  const own = name === "referrals" ? undefined : SEAL_KEYS[name];
  return {
    GROUPS_SEAL_PUBLIC_KEY: recipientPublicKey(SEAL_KEYS.groups),
    NOTIFICATIONS_SEAL_PUBLIC_KEY: recipientPublicKey(SEAL_KEYS.notifications),
    ...(own ? { SEAL_PRIVATE_KEY: own } : {}),
  };
}

export type ServiceName = "groups" | "referrals" | "notifications";

export interface RunningService {
  name: ServiceName;
  url: string;
  pid: number;
  databasePath: string;
  process: ServiceProcess;
  stop(): Promise<void>;
}

export interface StartServiceOptions {
  root: string;
  natsUrl: string;
  /** Folder for the service's database file. */
  dir: string;
  env?: Record<string, string>;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
}

export async function startService(name: ServiceName, options: StartServiceOptions): Promise<RunningService> {
  const port = await freePort();
  const databasePath = join(options.dir, `${name}.db`);
  const url = `http://127.0.0.1:${port}`;
  const process = await spawnService({
    name,
    command: [
      globalThis.process.execPath,
      ...(options.nodeArgs ?? []),
      ...(mainOf(name).endsWith(".ts") ? ["--import", "tsx"] : []),
      mainOf(name),
    ],
    cwd: options.root,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${databasePath}`,
      NATS_URL: options.natsUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: "warn",
      // notifications refuses to start without a key for contact fields at rest.
      DATA_KEY: randomBytes(32).toString("base64"),
      ...sealEnv(name),
      // The intake bench is one police zone at thousands of referrals a second, far past the
      // production limit per zone: it measures the service, not the limiter.
      INTAKE_RATE_LIMIT: "0",
      ...options.env,
    },
    readyUrl: `${url}/readyz`,
    timeoutMs: 30_000,
  });
  return {
    name,
    url,
    pid: process.pid!,
    databasePath,
    process,
    async stop() {
      await process.stop(10_000);
    },
  };
}

/** The drizzle migrations folder of the service (`<service>/drizzle`, beside src/ and dist/). */
export function migrationsOf(name: ServiceName, root: string): string {
  return resolve(root, dirname(mainOf(name)), "../drizzle");
}

/** `BENCH_REFERRALS_MAIN=/elsewhere/src/main.ts` (or its dist/main.js) benches another checkout of one service. */
function mainOf(name: ServiceName): string {
  return globalThis.process.env[`BENCH_${name.toUpperCase()}_MAIN`] ?? `services/${name}/dist/main.js`;
}
