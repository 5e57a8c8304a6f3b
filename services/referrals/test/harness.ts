// Builds the referrals app on the parts every service's tests start (@relais/service-testing): a
// libSQL file with the service's migrations, a real nats-server that the test file starts.
import { fileURLToPath } from "node:url";
import {
  type Clock,
  createRecipientOpener,
  createRecipientSealer,
  generateRecipientKeyPair,
  type RateLimit,
} from "@relais/service-kit";
import { startServiceParts, testLogger } from "@relais/service-testing";
import { ManualClock, mintToken, type NatsProcess, startNats } from "@relais/testing";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { createApp } from "../src/app.js";
import { loadRoutingSeed } from "../src/db/load-routing-seed.js";
import * as schema from "../src/db/schema.js";
import { DEFAULT_POLICY, type ReferralPolicy } from "../src/domain/policy.js";

export const logger = testLogger;
export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

export async function startReferrals(
  nats: NatsProcess,
  options: { clock?: Clock; policy?: Partial<ReferralPolicy>; intakeLimit?: RateLimit } = {},
) {
  const parts = await startServiceParts({
    nats,
    name: "referrals",
    streams: ["REFERRALS"],
    schema,
    migrations: migrationsFolder,
    clock: options.clock,
  });
  // The recipients' key pairs: referrals holds only their public keys.
  const notificationsKeys = generateRecipientKeyPair();
  const groupsKeys = generateRecipientKeyPair();
  const seal = {
    notifications: createRecipientSealer(notificationsKeys.publicKey),
    groups: createRecipientSealer(groupsKeys.publicKey),
  };
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
      notifications: createRecipientOpener(notificationsKeys.privateKey),
      groups: createRecipientOpener(groupsKeys.privateKey),
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
export const referral = {
  policeZone: "5277 Seraing/Neupré",
  incidentReference: "LI.55.L1.012345/26",
  incidentAt: "2026-11-20T22:10:00+01:00",
  kind: "partner",
  riskLevel: "high",
  childrenPresent: true,
  municipality: "Seraing",
  persons: [
    { role: "victim", consent: true, language: "fr", contact: { phone: "+32470000001" } },
    { role: "author", consent: false, language: "fr", contact: { phone: "+32470000002" } },
  ],
};

/**
 * One NATS for the file and, for each test, a fresh referrals service with the routing seed on a
 * manual clock set to `startsAt`: the set-up the call-back tests share. Read `service` and `clock`
 * inside the tests (they change per test).
 */
export function useSeededReferrals(startsAt: string) {
  const world = {} as { nats: NatsProcess; service: Service; clock: ManualClock };
  beforeAll(async () => {
    world.nats = await startNats();
  });
  afterAll(() => world.nats.stop());
  beforeEach(async () => {
    world.clock = new ManualClock(startsAt);
    world.service = await startReferrals(world.nats, { clock: world.clock });
    await loadRoutingSeed(world.service.database, ORG, world.clock.now());
  });
  afterEach(() => world.service.stop());
  return world;
}
