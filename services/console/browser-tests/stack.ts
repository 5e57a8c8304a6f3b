// The real stack for the browser tests: nats-server, the three services and the console as
// processes on free ports, each with its own libSQL file. The services trust the console's JWKS.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateRecipientKeyPair, recipientPublicKey } from "@relais/service-kit";
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
import { testBundle } from "../../../infra/scripts/build-service.js";

const root = resolve(import.meta.dirname, "../../..");
const NAMES = ["groups", "referrals", "notifications", "conferences", "housing"] as const;
// The services every browser test runs; housing and conferences only for the screens that need
// them (a process less each).
const CORE = ["groups", "referrals", "notifications"] as const;

export interface BrowserStack {
  consoleUrl: string;
  /** For tests that put events on the bus themselves (a dead letter). */
  natsUrl: string;
  /** The services themselves, for seeding through their APIs with a minted token. */
  urls: Record<(typeof NAMES)[number], string>;
  /** What notifications sent by e-mail. */
  smtp: SmtpSink;
  stop(): Promise<void>;
}

export async function startBrowserStack(
  consoleEnv: Record<string, string> = {},
  serviceEnv: Partial<Record<(typeof NAMES)[number], Record<string, string>>> = {},
  options: { housing?: boolean; conferences?: boolean } = {},
): Promise<BrowserStack> {
  const dataDir = mkdtempSync(join(tmpdir(), "relais-browser-"));
  const nats: NatsProcess = await startNats();
  const smtp = await startSmtpSink();
  const dataKey = randomBytes(32).toString("base64");
  const consolePort = await freePort();
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  // Services that open sealed event fields hold a private key; every producer their public keys.
  const sealKeys: Record<string, string | undefined> = {
    groups: generateRecipientKeyPair().privateKey,
    notifications: generateRecipientKeyPair().privateKey,
  };
  const publicKeys = {
    GROUPS_SEAL_PUBLIC_KEY: recipientPublicKey(sealKeys.groups!),
    NOTIFICATIONS_SEAL_PUBLIC_KEY: recipientPublicKey(sealKeys.notifications!),
  };
  const processes: ServiceProcess[] = [];
  const urls: Record<string, string> = {};
  const bundled = async (service: string) => [
    process.execPath,
    await testBundle(join(root, "services", service)),
  ];
  try {
    await Promise.all(
      NAMES.filter(
        (name) =>
          (CORE as readonly string[]).includes(name) ||
          (name === "housing" && options.housing) ||
          (name === "conferences" && options.conferences),
      ).map(async (name) => {
        const port = await freePort();
        urls[name] = `http://127.0.0.1:${port}`;
        processes.push(
          await spawnService({
            name,
            command: await bundled(name),
            cwd: root,
            readyUrl: `${urls[name]}/readyz`,
            timeoutMs: 90_000,
            env: {
              PORT: String(port),
              DATABASE_URL: `file:${join(dataDir, `${name}.db`)}`,
              NATS_URL: nats.url,
              JWT_SECRET: TEST_JWT_SECRET,
              JWKS_URL: `${consoleUrl}/.well-known/jwks.json`,
              DATA_KEY: dataKey,
              SMTP_URL: smtp.url,
              MAIL_DIR: join(dataDir, "mail"),
              SCHEDULER_INTERVAL_MS: "1000",
              LOG_LEVEL: "warn",
              ...publicKeys,
              ...(sealKeys[name] ? { SEAL_PRIVATE_KEY: sealKeys[name] } : {}),
              ...serviceEnv[name],
            },
          }),
        );
      }),
    );
    processes.push(
      await spawnService({
        name: "console",
        command: await bundled("console"),
        cwd: root,
        readyUrl: `${consoleUrl}/readyz`,
        timeoutMs: 60_000,
        env: {
          PORT: String(consolePort),
          PUBLIC_URL: consoleUrl,
          DATABASE_URL: `file:${join(dataDir, "console.db")}`,
          GROUPS_URL: urls.groups,
          REFERRALS_URL: urls.referrals,
          NOTIFICATIONS_URL: urls.notifications,
          ...(urls.conferences ? { CONFERENCES_URL: urls.conferences } : {}),
          ...(urls.housing ? { HOUSING_URL: urls.housing } : {}),
          LOG_LEVEL: "warn",
          ...(consoleEnv.OIDC_ISSUER ? {} : { JWT_SECRET: TEST_JWT_SECRET }),
          ...consoleEnv,
        },
      }),
    );
  } catch (error) {
    await Promise.all(processes.map((p) => p.stop()));
    await smtp.close();
    await nats.stop();
    throw error;
  }
  return {
    consoleUrl,
    natsUrl: nats.url,
    urls: urls as BrowserStack["urls"],
    smtp,
    async stop() {
      await Promise.all(processes.map((p) => p.stop()));
      await smtp.close();
      await nats.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
