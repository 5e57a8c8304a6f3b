// The parts every service's test harness starts on real ground: a libSQL file with the service's
// migrations, a bus on the nats-server the test file runs, the streams it reads and writes, a data
// key, a consumer runner and an outbox relay, and the kit's token verifier with the test secret.
// Each service's harness adds only what is its own (its app, key pairs, background jobs).
//
// Not in @relais/testing: these parts need @relais/bus, whose own tests use @relais/testing.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { connectBus, createConsumerRunner, createOutboxRelay, ensureStreams, inbox } from "@relais/bus";
import type { Envelope } from "@relais/contracts";
import type { Schema } from "@relais/db";
import {
  type Clock,
  createRecipientOpener,
  createRecipientSealer,
  createSealedBox,
  generateRecipientKeyPair,
  hs256Verifier,
  type Logger,
  systemClock,
} from "@relais/service-kit";
import { type NatsProcess, TEST_JWT_SECRET, tempDatabase, waitFor } from "@relais/testing";
import { eq } from "drizzle-orm";
import pino from "pino";

/** Silent unless LOG_LEVEL says otherwise. */
export const testLogger: Logger = pino({ level: process.env.LOG_LEVEL ?? "silent" });

type Consumers = Parameters<typeof createConsumerRunner>[0]["consumers"];
type Box = ReturnType<typeof createSealedBox>;

export interface ServicePartsOptions<S extends Schema> {
  nats: NatsProcess;
  /** The service's name; its bus connection is named `<name>-test`. */
  name: string;
  streams: Parameters<typeof ensureStreams>[1];
  schema: S;
  /** The service's `drizzle` folder (a path or a file URL). */
  migrations: string | URL;
  /** The service's consumers, given the payload box the runner opens events with and the clock. */
  consumers?: (parts: { box: Box; clock: Clock }) => Consumers;
  clock?: Clock;
  logger?: Logger;
  busTimeoutMs?: number;
}

export async function startServiceParts<S extends Schema>(options: ServicePartsOptions<S>) {
  const logger = options.logger ?? testLogger;
  const clock = options.clock ?? systemClock;
  const migrationsFolder =
    typeof options.migrations === "string" ? options.migrations : fileURLToPath(options.migrations);
  const database = await tempDatabase({ schema: options.schema, migrationsFolder });
  const bus = connectBus({
    servers: options.nats.url,
    name: `${options.name}-test`,
    logger,
    timeoutMs: options.busTimeoutMs ?? 1_000,
  });
  await ensureStreams(await bus.manager(), options.streams, { replicas: 1 });
  const dataKey = randomBytes(32).toString("base64");
  const box = createSealedBox(dataKey);
  const runner = createConsumerRunner({
    bus,
    database,
    logger,
    payloadBox: box,
    consumers: options.consumers?.({ box, clock }) ?? [],
  });
  const relay = createOutboxRelay({ database, bus, logger });

  /**
   * Publishes events as their producer would, and waits until this service's consumers have
   * processed them (their inbox rows). The harness starts the runner.
   */
  async function publish(...events: Envelope[]): Promise<void> {
    const js = await bus.jetstream();
    for (const event of events)
      await js.publish(event.type, new TextEncoder().encode(JSON.stringify(event)), { msgID: event.id });
    await waitFor(
      async () => {
        for (const event of events) {
          const rows = await database.db.select().from(inbox).where(eq(inbox.eventId, event.id));
          if (rows.length === 0) return false;
        }
        return true;
      },
      { timeoutMs: 10_000, message: `events processed: ${events.map((e) => e.type).join(", ")}` },
    );
  }

  return {
    database,
    bus,
    box,
    dataKey,
    runner,
    relay,
    clock,
    logger,
    publish,
    /** What every service's `createApp` takes from the kit. */
    deps: {
      database,
      logger,
      verifyToken: hs256Verifier(TEST_JWT_SECRET),
      clock,
      runner,
      natsCheck: () => bus.check(),
    },
    async stop() {
      await runner.stop();
      await relay.stop();
      await bus.close();
      await database.cleanup();
    },
  };
}

export type ServiceParts<S extends Schema = Schema> = Awaited<ReturnType<typeof startServiceParts<S>>>;

/**
 * A recipient service's key pair as the test holds both sides: `seal` is what a producer holds (the
 * public key), `open` what the recipient holds (the private key).
 */
export function recipientKeys() {
  const keys = generateRecipientKeyPair();
  return {
    ...keys,
    seal: createRecipientSealer(keys.publicKey),
    open: createRecipientOpener(keys.privateKey),
  };
}
