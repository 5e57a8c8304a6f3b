// Builds the groups app on real parts: a libSQL file with the service's migrations, the kit's
// token verifier with the test secret, and a real nats-server that the test file starts.

import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { connectBus, createConsumerRunner, createOutboxRelay, ensureStreams } from "@relais/bus";
import {
  type Clock,
  createRecipientOpener,
  createRecipientSealer,
  createSealedBox,
  generateRecipientKeyPair,
  hs256Verifier,
  systemClock,
} from "@relais/service-kit";
import { type NatsProcess, TEST_JWT_SECRET, tempDatabase } from "@relais/testing";
import pino from "pino";
import { createApp } from "../src/app.js";
import * as schema from "../src/db/schema.js";
import { groupConsumers } from "../src/events/consumers.js";
import { clientFor } from "./client.js";

export const logger = pino({ level: process.env.LOG_LEVEL ?? "silent" });
const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

export async function startGroups(nats: NatsProcess, options: { clock?: Clock } = {}) {
  const database = await tempDatabase({ schema, migrationsFolder });
  const bus = connectBus({ servers: nats.url, name: "groups-test", logger, timeoutMs: 1_000 });
  await ensureStreams(await bus.manager(), ["GROUPS", "REFERRALS"], { replicas: 1 });
  const clock = options.clock ?? systemClock;
  // groups' own key pair (referrals seals display names for it) and notifications' public key.
  const groupsKeys = generateRecipientKeyPair();
  const notificationsKeys = generateRecipientKeyPair();
  const box = createSealedBox(randomBytes(32).toString("base64"));
  const runner = createConsumerRunner({
    bus,
    database,
    logger,
    payloadBox: box,
    consumers: groupConsumers({ clock, open: createRecipientOpener(groupsKeys.privateKey) }),
  });
  const relay = createOutboxRelay({ database, bus, logger });
  const app = createApp({
    database,
    logger,
    verifyToken: hs256Verifier(TEST_JWT_SECRET),
    clock,
    runner,
    natsCheck: () => bus.check(),
    seal: { notifications: createRecipientSealer(notificationsKeys.publicKey) },
  });
  return {
    app,
    client: clientFor(app),
    runner,
    database,
    bus,
    box,
    /** What referrals holds: seals display names for groups. */
    sealForGroups: createRecipientSealer(groupsKeys.publicKey),
    /** What notifications holds: opens what groups seals for it. */
    openAsNotifications: createRecipientOpener(notificationsKeys.privateKey),
    relay,
    async stop() {
      await runner.stop();
      await relay.stop();
      await bus.close();
      await database.cleanup();
    },
  };
}

export type GroupsService = Awaited<ReturnType<typeof startGroups>>;
