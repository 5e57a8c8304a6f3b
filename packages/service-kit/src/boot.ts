// Wires a service's real parts in the order they depend on each other, and stops them in the
// reverse order: HTTP, background loops, consumers, outbox relay, NATS, database.
import { fileURLToPath } from "node:url";
import {
  type Bus,
  type ConsumerDefinition,
  type ConsumerRunner,
  connectBus,
  createConsumerRunner,
  createOutboxRelay,
  ensureStreams,
  type OutboxRelay,
} from "@relais/bus";
import type { StreamName } from "@relais/contracts";
import { type Database, openDatabase, type Schema } from "@relais/db";
import { backoffDelay } from "@relais/loops";
import type { Hono } from "hono";
import type { z } from "zod";
import type { TokenVerifier } from "./auth.js";
import { type Clock, systemClock } from "./clock.js";
import { type BaseEnv, dataBox, loadConfig, verifierFromConfig } from "./config.js";
import { tuneHeapGrowth } from "./heap.js";
import { createLogger, type Logger } from "./logger.js";
import { runService, startupFailure } from "./run.js";
import type { SealedBox } from "./sealed-box.js";
import type { EdgeOptions } from "./service-deps.js";

export interface BootContext<S extends Schema> {
  env: BaseEnv;
  logger: Logger;
  database: Database<S>;
  bus: Bus;
  relay: OutboxRelay;
  clock: Clock;
  verifyToken: TokenVerifier;
  natsCheck: () => Promise<void>;
  edge: EdgeOptions;
}

/** Something that runs beside HTTP: a scheduler loop, a webhook sender. */
export interface BackgroundTask {
  name: string;
  start(): void;
  stop(): Promise<void>;
}

export interface BootOptions<S extends Schema> {
  name: string;
  env: BaseEnv & { PORT: number; DATABASE_URL: string };
  schema: S;
  migrationsFolder: string;
  /** The service's DATA_KEY box: dead-lettered payloads are sealed with it. */
  box: SealedBox;
  /** Streams this service publishes to or consumes from. */
  streams: StreamName[];
  consumers?: (context: BootContext<S>) => ConsumerDefinition[];
  background?: (context: BootContext<S> & { runner: ConsumerRunner }) => BackgroundTask[];
  // biome-ignore lint/suspicious/noExplicitAny: any Hono app, whatever its routes
  createApp: (context: BootContext<S> & { runner: ConsumerRunner }) => Hono<any, any, any>;
}

export async function bootService<S extends Schema>(options: BootOptions<S>): Promise<void> {
  const { env } = options;
  const logger = createLogger({ name: options.name, level: env.LOG_LEVEL });
  const database = await openDatabase({
    url: env.DATABASE_URL,
    authToken: env.DATABASE_AUTH_TOKEN,
    schema: options.schema,
    migrationsFolder: options.migrationsFolder,
  });
  const bus = connectBus({
    servers: env.NATS_URL,
    name: options.name,
    logger,
    ...(env.NATS_USER ? { user: env.NATS_USER, pass: env.NATS_PASSWORD } : {}),
  });
  const relay = createOutboxRelay({ database, bus, logger });
  // Not ready before the streams this service publishes to and consumes from exist: a client
  // (or a test) that reads them as soon as /readyz says 200 must find them.
  let streamsReady = false;
  const context: BootContext<S> = {
    env,
    logger,
    database,
    bus,
    relay,
    clock: systemClock,
    verifyToken: verifierFromConfig(env),
    natsCheck: async () => {
      await bus.check();
      if (!streamsReady) throw new Error(`JetStream streams ${options.streams.join(", ")} not ensured yet`);
    },
    edge: { bodyLimitBytes: env.BODY_LIMIT_BYTES, metricsToken: env.METRICS_TOKEN },
  };
  const runner = createConsumerRunner({
    bus,
    database,
    logger,
    consumers: options.consumers?.(context) ?? [],
    payloadBox: options.box,
  });
  const background = options.background?.({ ...context, runner }) ?? [];

  relay.start();
  for (const task of background) task.start();
  // Streams and consumers come up whenever NATS does; HTTP does not wait for it.
  void ensureStreamsUntilDone(bus, options.streams, env.NATS_REPLICAS, logger).then(() => {
    streamsReady = true;
    runner.start();
  });

  const app = options.createApp({ ...context, runner });
  await runService({
    name: options.name,
    app,
    port: env.PORT,
    host: env.HOST,
    logger,
    shutdown: [
      ...background.map((task) => ({ name: task.name, stop: () => task.stop() })),
      { name: "consumers", stop: () => runner.stop() },
      { name: "outbox relay", stop: () => relay.stop() },
      { name: "nats", stop: () => bus.close() },
      { name: "database", stop: () => database.close() },
    ],
  });
}

/**
 * What a service is, written once in its `src/service.ts`: its name, schema, migrations and streams.
 * Its `main.ts` boots it with `startService`, its test harness starts the same on test parts.
 */
export interface ServiceDescriptor<S extends Schema>
  extends Pick<BootOptions<S>, "name" | "schema" | "streams"> {
  /** `new URL("../drizzle", import.meta.url)` in src/: the bundle finds them from dist/ too. */
  migrations: URL;
}

/** What a service's `main.ts` gives `startService`: its descriptor, its configuration, its parts. */
export interface ServiceMain<E extends BootOptions<Schema>["env"] & DataKeys, S extends Schema>
  extends ServiceDescriptor<S> {
  /** The service's environment schema (`BaseEnv.extend({ … })`), parsed once by `loadConfig`. */
  config: z.ZodType<E>;
  /** Consumers, background tasks and the app, from the parsed configuration and its DATA_KEY box. */
  parts: (env: E, box: SealedBox) => Pick<BootOptions<S>, "consumers" | "background" | "createApp">;
}

type DataKeys = { DATA_KEY: string; DATA_KEY_PREVIOUS: string[] };

/**
 * The whole of a service's `main.ts`: reads the environment once, opens the DATA_KEY box, boots
 * the service; a bad configuration stops the process with one line naming the variable.
 */
export function startService<E extends BootOptions<Schema>["env"] & DataKeys, S extends Schema>(
  main: ServiceMain<E, S>,
): void {
  // Before the first full GC, so every one of them sizes the old generation with it (heap.ts).
  tuneHeapGrowth();
  void (async () => {
    const env = loadConfig(main.config);
    const box = dataBox(env);
    await bootService({
      ...main.parts(env, box),
      name: main.name,
      env,
      box,
      schema: main.schema,
      migrationsFolder: fileURLToPath(main.migrations),
      streams: main.streams,
    });
  })().catch(startupFailure);
}

async function ensureStreamsUntilDone(bus: Bus, streams: StreamName[], replicas: number, logger: Logger) {
  for (let attempt = 1; ; attempt++) {
    try {
      await ensureStreams(await bus.manager(), streams, { replicas });
      return;
    } catch (error) {
      logger.warn({ err: error, attempt }, "could not ensure JetStream streams; retrying");
      await new Promise((resolve) =>
        setTimeout(resolve, backoffDelay(attempt, { baseMs: 500, capMs: 5_000 })),
      );
    }
  }
}
