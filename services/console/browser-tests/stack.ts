// The real stack for the browser tests: nats-server, the services and the console as processes on
// free ports, each with its own libSQL file. The services start as the end-to-end stack starts
// them (infra/e2e/stack.ts), and trust the console's JWKS.

import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { SmtpSink } from "@relais/testing";
import {
  freePort,
  mintToken,
  spawnService,
  startNats,
  startSmtpSink,
  TEST_JWT_SECRET,
} from "@relais/testing";
import { expect } from "vitest";
import { newStackKeys, SERVICE_NAMES, type ServiceName, startService } from "../../../infra/e2e/stack.js";
import { testBundle } from "../../../infra/scripts/build-service.js";

const root = resolve(import.meta.dirname, "../../..");
// The services every browser test runs; housing and conferences only for the screens that need
// them (a process less each).
const CORE: readonly ServiceName[] = ["groups", "referrals", "notifications"];

export interface BrowserStack {
  consoleUrl: string;
  /** For tests that put events on the bus themselves (a dead letter). */
  natsUrl: string;
  /** The services themselves, for seeding through their APIs with a minted token. */
  urls: Record<ServiceName, string>;
  /** What notifications sent by e-mail. */
  smtp: SmtpSink;
  /** Stops one service (a test of how the console answers when it is down). */
  stopService(name: ServiceName): Promise<void>;
  stop(): Promise<void>;
}

export async function startBrowserStack(
  consoleEnv: Record<string, string> = {},
  serviceEnv: Partial<Record<ServiceName, Record<string, string>>> = {},
  options: { housing?: boolean; conferences?: boolean } = {},
): Promise<BrowserStack> {
  const dataDir = mkdtempSync(join(tmpdir(), "relais-browser-"));
  const nats = await startNats();
  const smtp = await startSmtpSink();
  const keys = newStackKeys();
  const consolePort = await freePort();
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  const processes: Array<{ stop(): Promise<unknown> }> = [];
  const urls: Record<string, string> = {};
  const byName = new Map<ServiceName, { stop(): Promise<unknown> }>();
  try {
    await Promise.all(
      SERVICE_NAMES.filter((name) => CORE.includes(name) || options[name as "housing" | "conferences"]).map(
        async (name) => {
          const service = await startService(name, {
            natsUrl: nats.url,
            databasePath: join(dataDir, `${name}.db`),
            keys,
            timeoutMs: 90_000,
            env: {
              JWKS_URL: `${consoleUrl}/.well-known/jwks.json`,
              SMTP_URL: smtp.url,
              MAIL_DIR: join(dataDir, "mail"),
              SCHEDULER_INTERVAL_MS: "1000",
              LOG_LEVEL: "warn",
              // The coordinator's test delivery goes to a receiver on this machine.
              WEBHOOK_TARGETS: "any",
              ...serviceEnv[name],
            },
          });
          urls[name] = service.url;
          processes.push(service.process);
          byName.set(name, service.process);
        },
      ),
    );
    processes.push(
      await spawnService({
        name: "console",
        command: [process.execPath, await testBundle(join(root, "services", "console"))],
        cwd: root,
        readyUrl: `${consoleUrl}/readyz`,
        timeoutMs: 60_000,
        env: {
          PORT: String(consolePort),
          PUBLIC_URL: consoleUrl,
          DATABASE_URL: `file:${join(dataDir, "console.db")}`,
          GROUPS_URL: urls.groups!,
          REFERRALS_URL: urls.referrals!,
          NOTIFICATIONS_URL: urls.notifications!,
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
    async stopService(name) {
      await byName.get(name)?.stop();
    },
    async stop() {
      await Promise.all(processes.map((p) => p.stop()));
      await smtp.close();
      await nats.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A consenting, French-speaking victim the call-back team may phone at any time, with no voicemail. */
export function phoneVictim(phone: string, displayName?: string) {
  return {
    role: "victim",
    ...(displayName ? { displayName } : {}),
    consent: true,
    language: "fr",
    contact: { phone },
    preferences: { channels: ["phone"], voicemailAllowed: false },
  };
}
/** Files a referral through referrals' own API, as a police zone's records system does; answers its id. */
export async function fileAsPolice(
  stack: BrowserStack,
  referral: object,
  police: { org?: string; sub?: string } = {},
): Promise<string> {
  return (await fileReferralAsPolice(stack, referral, police)).id;
}

/** The same, answering what referrals answers: the id and each person's reference and role. */
export async function fileReferralAsPolice(
  stack: BrowserStack,
  referral: object,
  police: { org?: string; sub?: string } = {},
) {
  const token = await mintToken({ role: "police", org: police.org ?? "org-dev", sub: police.sub ?? "5277" });
  const response = await fetch(`${stack.urls.referrals}/v1/referrals`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "idempotency-key": randomUUID(),
    },
    body: JSON.stringify(referral),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; persons: Array<{ personRef: string; role: string }> };
}
