// The services as real processes on free ports, with a real nats-server and SMTP sink,
// each with its own libSQL file in a temp folder. Tests talk to them over HTTP only.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateRecipientKeyPair, recipientPublicKey } from "@relais/service-kit";
import {
  freePort,
  type NatsCluster,
  type NatsProcess,
  type ServiceProcess,
  type SmtpSink,
  spawnService,
  startNats,
  startSmtpSink,
  TEST_JWT_SECRET,
} from "@relais/testing";
import { testBundle } from "../scripts/build-service.js";

export const SERVICE_NAMES = ["groups", "referrals", "notifications", "conferences", "housing"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const root = resolve(import.meta.dirname, "../..");

export interface RunningService {
  name: ServiceName;
  url: string;
  databasePath: string;
  process: ServiceProcess;
}

export interface Stack {
  /** The broker; on a cluster (`options.cluster`), its first node. */
  nats: NatsProcess;
  /** Set when the stack runs on a JetStream cluster. */
  cluster?: NatsCluster;
  smtp: SmtpSink;
  dataDir: string;
  services: Record<ServiceName, RunningService>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** A broker the caller owns (and stops); by default the stack starts and stops its own. */
  nats?: NatsProcess;
  /**
   * A JetStream cluster the caller owns (and stops): services get every node's URL in `NATS_URL`
   * and `NATS_REPLICAS=3` unless `replicas` says otherwise.
   */
  cluster?: NatsCluster;
  natsUrl?: string;
  replicas?: number;
  env?: Record<string, string>;
  /** Per-service additions to `env`. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Output lines kept per service (default 100); a test that reads whole logs raises it. */
  keepLines?: number;
}

/** Fresh keys for one stack: a DATA_KEY, and the seal key pairs of the services that open sealed fields. */
export function newStackKeys() {
  const dataKey = randomBytes(32).toString("base64");
  // The services that open sealed event fields hold a private key; every producer their public keys.
  const sealKeys: Record<ServiceName, string | undefined> = {
    groups: generateRecipientKeyPair().privateKey,
    notifications: generateRecipientKeyPair().privateKey,
    referrals: undefined,
    conferences: undefined,
    housing: undefined,
  };
  const publicKeys = {
    GROUPS_SEAL_PUBLIC_KEY: recipientPublicKey(sealKeys.groups!),
    NOTIFICATIONS_SEAL_PUBLIC_KEY: recipientPublicKey(sealKeys.notifications!),
  };
  return { dataKey, sealKeys, publicKeys };
}

/** The key variables one service needs to start, for tests that run a service on its own. */
export function serviceKeyEnv(name: ServiceName, keys = newStackKeys()): Record<string, string> {
  const sealKey = keys.sealKeys[name];
  return { DATA_KEY: keys.dataKey, ...keys.publicKeys, ...(sealKey ? { SEAL_PRIVATE_KEY: sealKey } : {}) };
}

export interface OneServiceOptions {
  natsUrl: string;
  databasePath: string;
  /** The stack's keys; a service started alone gets fresh ones. */
  keys?: ReturnType<typeof newStackKeys>;
  env?: Record<string, string>;
  keepLines?: number;
  /** How long it may take to answer `/readyz` (default 60 s). */
  timeoutMs?: number;
}

/** One service as a process on a free port, ready (`/readyz` 200) when this resolves. */
export async function startService(name: ServiceName, options: OneServiceOptions): Promise<RunningService> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process = await spawnService({
    name,
    command: [globalThis.process.execPath, await testBundle(join(root, "services", name))],
    cwd: root,
    readyUrl: `${url}/readyz`,
    timeoutMs: options.timeoutMs ?? 60_000,
    keepLines: options.keepLines,
    env: {
      PORT: String(port),
      DATABASE_URL: `file:${options.databasePath}`,
      NATS_URL: options.natsUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      ...serviceKeyEnv(name, options.keys),
      LOG_LEVEL: globalThis.process.env.LOG_LEVEL ?? "warn",
      // The fault tests file bursts of hundreds of referrals from one zone; police intake's rate
      // limit has its own test (services/referrals/test/intake-limit.test.ts).
      INTAKE_RATE_LIMIT: "0",
      ...options.env,
    },
  });
  return { name, url, databasePath: options.databasePath, process };
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), "relais-e2e-"));
  const ownsNats = !options.nats && !options.cluster;
  const nats = options.nats ?? options.cluster?.nodes[0] ?? (await startNats());
  const natsUrl = options.natsUrl ?? options.cluster?.urls ?? nats.url;
  const replicas = options.replicas ?? (options.cluster ? options.cluster.nodes.length : 1);
  const smtp = await startSmtpSink();
  const keys = newStackKeys();
  const services = {} as Record<ServiceName, RunningService>;
  try {
    await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        services[name] = await startService(name, {
          natsUrl,
          databasePath: join(dataDir, `${name}.db`),
          keys,
          keepLines: options.keepLines,
          env: {
            NATS_REPLICAS: String(replicas),
            SMTP_URL: smtp.url,
            MAIL_DIR: join(dataDir, "mail"),
            ...options.env,
            ...options.serviceEnv?.[name],
          },
        });
      }),
    );
  } catch (error) {
    await Promise.all(Object.values(services).map((s) => s.process.stop()));
    await smtp.close();
    if (ownsNats) await nats.stop();
    throw error;
  }
  return {
    nats,
    cluster: options.cluster,
    smtp,
    dataDir,
    services,
    async stop() {
      await Promise.all(Object.values(services).map((s) => s.process.stop()));
      await smtp.close();
      if (ownsNats) await nats.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
