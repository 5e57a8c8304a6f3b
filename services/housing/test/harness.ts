// Builds the housing app on real parts: a libSQL file with the service's migrations, the kit's
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
import { housingConsumers } from "../src/events/consumers.js";
import { DEFAULT_SETTINGS } from "../src/settings.js";
import { clientFor } from "./client.js";

export const logger = pino({ level: process.env.LOG_LEVEL ?? "silent" });
const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

export async function startHousing(nats: NatsProcess, options: { clock?: Clock } = {}) {
  const database = await tempDatabase({ schema, migrationsFolder });
  const bus = connectBus({ servers: nats.url, name: "housing-test", logger, timeoutMs: 1_000 });
  await ensureStreams(await bus.manager(), ["HOUSING", "REFERRALS"], { replicas: 1 });
  const clock = options.clock ?? systemClock;
  const notificationsKeys = generateRecipientKeyPair();
  const box = createSealedBox(randomBytes(32).toString("base64"));
  const runner = createConsumerRunner({
    bus,
    database,
    logger,
    payloadBox: box,
    consumers: housingConsumers({ clock }),
  });
  const relay = createOutboxRelay({ database, bus, logger });
  const app = createApp({
    database,
    logger,
    verifyToken: hs256Verifier(TEST_JWT_SECRET),
    clock,
    runner,
    natsCheck: () => bus.check(),
    box,
    seal: { notifications: createRecipientSealer(notificationsKeys.publicKey) },
    settings: DEFAULT_SETTINGS,
  });
  return {
    app,
    client: clientFor(app),
    runner,
    database,
    bus,
    box,
    relay,
    /** What notifications holds: opens what housing seals for it. */
    openAsNotifications: createRecipientOpener(notificationsKeys.privateKey),
    async stop() {
      await runner.stop();
      await relay.stop();
      await bus.close();
      await database.cleanup();
    },
  };
}

export type HousingService = Awaited<ReturnType<typeof startHousing>>;
