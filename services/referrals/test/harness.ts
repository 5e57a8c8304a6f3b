// Builds the referrals app on the parts every service's tests start (@relais/service-testing): a
// libSQL file with the service's migrations, a real nats-server that the test file starts.
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Clock, RateLimit } from "@relais/service-kit";
import { recipientKeys, startServiceParts, testLogger } from "@relais/service-testing";
import { ManualClock, mintToken, type NatsProcess, policeReferral, useService } from "@relais/testing";
import { expect } from "vitest";
import { createApp } from "../src/app.js";
import { loadRoutingSeed } from "../src/db/load-routing-seed.js";
import { DEFAULT_POLICY, type ReferralPolicy } from "../src/domain/policy.js";
import { service } from "../src/service.js";
import { seraingReferral } from "./fixtures.js";

export const logger = testLogger;
export const migrationsFolder = fileURLToPath(service.migrations);

export async function startReferrals(
  nats: NatsProcess,
  options: { clock?: Clock; policy?: Partial<ReferralPolicy>; intakeLimit?: RateLimit } = {},
) {
  const parts = await startServiceParts({
    nats,
    ...service,
    clock: options.clock,
  });
  // The recipients' key pairs: referrals holds only their public keys.
  const notifications = recipientKeys();
  const groups = recipientKeys();
  const seal = { notifications: notifications.seal, groups: groups.seal };
  const policy = { ...DEFAULT_POLICY, ...options.policy };
  const app = createApp({
    ...parts.deps,
    box: parts.box,
    intakeLimit: options.intakeLimit,
    policy,
    seal,
  });
  return {
    ...parts,
    app,
    policy,
    /** What notifications and groups hold: their private keys open what referrals sealed for them. */
    openAs: {
      notifications: notifications.open,
      groups: groups.open,
    },
  };
}
export type Service = Awaited<ReturnType<typeof startReferrals>>;

export const ORG = "org-liege";

/** Tokens as each role holds them; caseworkers name their teams in a `teams` claim. */
export const tokens = {
  police: (zone = "zone-5277", now?: Date) => mintToken({ role: "police", org: ORG, sub: zone, now }),
  caseworker: (teams: string[], sub = "worker-1", now?: Date) =>
    mintToken({ role: "caseworker", org: ORG, sub, claims: { teams }, now }),
  coordinator: (now?: Date) => mintToken({ role: "coordinator", org: ORG, sub: "coord-1", now }),
  other: (role: "facilitator" | "programme_staff" | "admin") => mintToken({ role, org: ORG }),
};

export async function call(
  service: Service,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await service.app.request(path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected field by field
  const json: any = text ? JSON.parse(text) : null;
  return { status: response.status, body: json, text, replayed: response.headers.has("idempotent-replayed") };
}

/** A referral as a police zone files it: a victim who consents, an author who does not. */
export const referral = policeReferral();

/**
 * One NATS for the file and, for each test, a fresh referrals service with the routing seed on a
 * manual clock set to `startsAt`: the set-up most referrals tests share. `started` runs once the
 * test's service is up (keep `service` and `clock` in the file's own variables there, or read them
 * from the returned world inside the tests: they change per test).
 */
export function useSeededReferrals(
  startsAt: string,
  started?: (world: ReferralsWorld) => void | Promise<void>,
  options: { policy?: Partial<ReferralPolicy> } = {},
): ReferralsWorld {
  const world = {} as ReferralsWorld;
  useService(
    (nats) => {
      world.nats = nats;
      world.clock = new ManualClock(startsAt);
      return startReferrals(nats, { clock: world.clock, policy: options.policy });
    },
    {
      perTest: true,
      started: async (service) => {
        world.service = service;
        await loadRoutingSeed(service.database, ORG, world.clock.now());
        await started?.(world);
      },
    },
  );
  return world;
}
export interface ReferralsWorld {
  nats: NatsProcess;
  service: Service;
  clock: ManualClock;
}

let filings = 0;
/** Files a referral as a police zone, with a fresh idempotency key, and expects it accepted. */
export async function fileReferral(service: Service, body: unknown = seraingReferral(), zone = "zone-5277") {
  const filed = await call(service, "POST", "/v1/referrals", await tokens.police(zone), body, {
    "idempotency-key": `file-${++filings}-${randomUUID()}`,
  });
  expect(filed.status, filed.text).toBe(201);
  return filed.body as {
    id: string;
    persons: Array<{ role: string; personRef: string; contactable: boolean }>;
  };
}
