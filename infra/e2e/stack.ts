// The three services as real processes on free ports, with a real nats-server and SMTP sink,
// each with its own libSQL file in a temp folder. Tests talk to them over HTTP only.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  freePort,
  type NatsProcess,
  type ServiceProcess,
  type SmtpSink,
  spawnService,
  startNats,
  startSmtpSink,
  TEST_JWT_SECRET,
} from "@relais/testing";

export const SERVICE_NAMES = ["groups", "referrals", "notifications"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const root = resolve(import.meta.dirname, "../..");

export interface RunningService {
  name: ServiceName;
  url: string;
  databasePath: string;
  process: ServiceProcess;
}

export interface Stack {
  nats: NatsProcess;
  smtp: SmtpSink;
  dataDir: string;
  services: Record<ServiceName, RunningService>;
  stop(): Promise<void>;
}

export interface StackOptions {
  nats?: NatsProcess;
  natsUrl?: string;
  replicas?: number;
  env?: Record<string, string>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), "relais-e2e-"));
  const nats = options.nats ?? (await startNats());
  const smtp = await startSmtpSink();
  const dataKey = randomBytes(32).toString("base64");
  const services = {} as Record<ServiceName, RunningService>;
  try {
    await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        const port = await freePort();
        const databasePath = join(dataDir, `${name}.db`);
        const url = `http://127.0.0.1:${port}`;
        const process = await spawnService({
          name,
          command: [
            globalThis.process.execPath,
            "--import",
            "tsx",
            join(root, "services", name, "src/main.ts"),
          ],
          cwd: root,
          readyUrl: `${url}/readyz`,
          timeoutMs: 60_000,
          env: {
            PORT: String(port),
            DATABASE_URL: `file:${databasePath}`,
            NATS_URL: options.natsUrl ?? nats.url,
            NATS_REPLICAS: String(options.replicas ?? 1),
            JWT_SECRET: TEST_JWT_SECRET,
            DATA_KEY: dataKey,
            SMTP_URL: smtp.url,
            MAIL_DIR: join(dataDir, "mail"),
            LOG_LEVEL: globalThis.process.env.LOG_LEVEL ?? "warn",
            ...options.env,
          },
        });
        services[name] = { name, url, databasePath, process };
      }),
    );
  } catch (error) {
    await Promise.all(Object.values(services).map((s) => s.process.stop()));
    await smtp.close();
    if (!options.nats) await nats.stop();
    throw error;
  }
  return {
    nats,
    smtp,
    dataDir,
    services,
    async stop() {
      await Promise.all(Object.values(services).map((s) => s.process.stop()));
      await smtp.close();
      if (!options.nats) await nats.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
