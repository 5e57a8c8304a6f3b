// Builds the conferences app on real parts: a libSQL file with the service's migrations, the kit's
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
import { conferenceConsumers } from "../src/events/referral-received.js";
import { createActionReminders } from "../src/jobs/action-reminders.js";
import { clientFor } from "./client.js";

export const logger = pino({ level: process.env.LOG_LEVEL ?? "silent" });
const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

export async function startConferences(nats: NatsProcess, options: { clock?: Clock } = {}) {
  const database = await tempDatabase({ schema, migrationsFolder });
  const bus = connectBus({ servers: nats.url, name: "conferences-test", logger, timeoutMs: 1_000 });
  await ensureStreams(await bus.manager(), ["CONFERENCES", "REFERRALS"], { replicas: 1 });
  const clock = options.clock ?? systemClock;
  const notificationsKeys = generateRecipientKeyPair();
  const dataKey = randomBytes(32).toString("base64");
  const box = createSealedBox(dataKey);
  const seal = { notifications: createRecipientSealer(notificationsKeys.publicKey) };
  const runner = createConsumerRunner({
    bus,
    database,
    logger,
    payloadBox: box,
    consumers: conferenceConsumers(),
  });
  const relay = createOutboxRelay({ database, bus, logger });
  const reminders = createActionReminders({ database, box, sealer: seal.notifications, clock, logger });
  const app = createApp({
    database,
    logger,
    verifyToken: hs256Verifier(TEST_JWT_SECRET),
    clock,
    runner,
    natsCheck: () => bus.check(),
    box,
    seal,
  });
  return {
    app,
    client: clientFor(app),
    runner,
    database,
    bus,
    box,
    relay,
    reminders,
    dataKey,
    notificationsKeys,
    /** What notifications holds: opens what conferences seals for it. */
    openAsNotifications: createRecipientOpener(notificationsKeys.privateKey),
    /** A second reminder loop on the same database: what a restarted (or second) instance runs. */
    restartedReminders: () =>
      createActionReminders({ database, box, sealer: seal.notifications, clock, logger }),
    async stop() {
      await reminders.stop();
      await runner.stop();
      await relay.stop();
      await bus.close();
      await database.cleanup();
    },
  };
}

export type ConferencesService = Awaited<ReturnType<typeof startConferences>>;
