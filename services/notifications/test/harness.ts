// Builds the notifications app on real parts: a libSQL file with the service's migrations, the kit's
// token verifier with the test secret, and a real nats-server that the test file starts.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { connectBus, createConsumerRunner, createOutboxRelay, ensureStreams } from "@relais/bus";
import { type Clock, hs256Verifier, systemClock } from "@relais/service-kit";
import { type NatsProcess, TEST_JWT_SECRET, tempDatabase } from "@relais/testing";
import pino from "pino";
import { createApp } from "../src/app.js";
import * as schema from "../src/db/schema.js";
import { createSealedBox } from "../src/domain/sealed-box.js";
import { consumers } from "../src/events/consumers.js";

export const logger = pino({ level: process.env.LOG_LEVEL ?? "silent" });
const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

export async function startNotifications(nats: NatsProcess, options: { clock?: Clock } = {}) {
  const box = createSealedBox(randomBytes(32).toString("base64"));
  const database = await tempDatabase({ schema, migrationsFolder });
  const bus = connectBus({ servers: nats.url, name: "notifications-test", logger, timeoutMs: 1_000 });
  await ensureStreams(await bus.manager(), ["NOTIFICATIONS", "REFERRALS", "GROUPS"], { replicas: 1 });
  const runner = createConsumerRunner({ bus, database, logger, consumers: consumers(box) });
  const relay = createOutboxRelay({ database, bus, logger });
  const app = createApp({
    database,
    logger,
    verifyToken: hs256Verifier(TEST_JWT_SECRET),
    clock: options.clock ?? systemClock,
    runner,
    natsCheck: () => bus.check(),
    box,
  });
  return {
    app,
    runner,
    box,
    database,
    bus,
    relay,
    async stop() {
      await runner.stop();
      await relay.stop();
      await bus.close();
      await database.cleanup();
    },
  };
}
