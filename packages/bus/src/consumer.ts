// The one consumer runner. A consumer is a record { stream, durable, filterSubject, events, handle };
// the runner owns ack / nak / term, backoff, bounded deliveries, concurrency, inbox dedupe and
// dead letters. Handlers see their event, already validated and typed, and a transaction, never a
// NATS message.
import { type Envelope, type EventDefinition, newId, type StreamName } from "@relais/contracts";
import { type Database, insertRows, prepared, type Tx } from "@relais/db";
import { backoffDelay } from "@relais/loops";
import { and, eq, sql } from "drizzle-orm";
import { AckPolicy, ConsumerEvents, type ConsumerMessages, DeliverPolicy, type JsMsg, nanos } from "nats";
import type { Logger } from "pino";
import type { z } from "zod";

import type { Bus } from "./connection.js";
import { deadLetters, inbox } from "./schema.js";

export interface HandlerContext {
  deliveries: number;
  logger: Logger;
}

/** The validated envelope of one of `E`: a union of envelopes when a consumer takes several types. */
export type EventOf<E extends EventDefinition> =
  E extends EventDefinition<infer T, infer D> ? Envelope<z.infer<D>, T> : never;

/**
 * `E` is the event definitions the consumer takes; `handle` gets the envelope already parsed by
 * the one of them whose type it carries. Write consumers with `defineConsumer` so `E` is inferred.
 */
export interface ConsumerDefinition<E extends EventDefinition = EventDefinition> {
  stream: StreamName;
  /** Durable name, unique per consuming service and purpose, e.g. `groups-referral-received`. */
  durable: string;
  /** One subject (nats-server 2.9 takes one filter per consumer); wildcards allowed. */
  filterSubject: string;
  /** Event types this consumer understands; others on the subject are acknowledged and skipped. */
  events: readonly E[];
  /** Runs inside the write transaction that also records the event id as processed. */
  handle(tx: Tx, event: EventOf<E>, context: HandlerContext): Promise<void>;
  /** Deliveries before an event becomes a dead letter (default 5). */
  maxDeliveries?: number;
  /** Redelivery delays in ms by attempt; the last repeats (default 250 ms, 1 s, 5 s, 15 s). */
  backoffMs?: number[];
  /** Messages handled at once (default 8). */
  concurrency?: number;
  ackWaitMs?: number;
  /** How long one pull waits on the server; heartbeats come every half of it (default 5 s). */
  pullExpiresMs?: number;
}

/** Declares a consumer; its handler's event is typed by the definitions in `events`. */
export function defineConsumer<const E extends EventDefinition>(
  definition: ConsumerDefinition<E>,
): ConsumerDefinition<E> {
  return definition;
}

/**
 * The usual consumer: one event, read from its own stream and subject under its own durable (a
 * lagging subject holds up no other); the handler gets the event already validated.
 */
export function consumerOf<const E extends EventDefinition>(
  event: E,
  durable: string,
  handle: (tx: Tx, event: EventOf<E>, context: HandlerContext) => Promise<void>,
): ConsumerDefinition<E> {
  return defineConsumer({
    stream: event.stream,
    durable,
    filterSubject: event.subject,
    events: [event],
    handle,
  });
}

export interface ConsumerRunner {
  start(): void;
  /** Stops fetching, waits for in-flight handlers, then returns. */
  stop(): Promise<void>;
  /** Runs a dead letter's event through its consumer again; the inbox still prevents a double effect. */
  replay(deadLetterId: string): Promise<ReplayResult>;
  /** A dead letter's payload as it came, opened from its sealed form (undefined: no such row). */
  readPayload(deadLetterId: string): Promise<string | undefined>;
}

export type ReplayResult =
  | { status: "replayed" }
  | { status: "failed"; error: string }
  | { status: "not_found" }
  | { status: "already_replayed" };

/** Authenticated encryption for stored payloads: the service kit's DATA_KEY box fits. */
export interface PayloadBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export interface RunnerOptions {
  bus: Bus;
  database: Database;
  logger: Logger;
  consumers: ConsumerDefinition[];
  /**
   * Seals the payload of every dead letter. An event that fails its schema is kept as it came,
   * and may carry personal data in clear (an outdated or rogue producer): it is never stored so.
   */
  payloadBox: PayloadBox;
}

class PoisonError extends Error {}

const DEFAULT_BACKOFF = [250, 1_000, 5_000, 15_000];
const DEFAULT_PULL_EXPIRES_MS = 5_000;
/** Missed-heartbeat reports (each covers two intervals) before the consume loop is rebuilt. */
const MISSED_HEARTBEATS_BEFORE_REBUILD = 2;

export function createConsumerRunner(options: RunnerOptions): ConsumerRunner {
  const { bus, database, logger, payloadBox } = options;
  const byDurable = new Map(options.consumers.map((c) => [c.durable, c]));
  let running = false;
  const loops: Promise<void>[] = [];
  const stops = new Set<() => Promise<void>>();

  function decode(consumer: ConsumerDefinition, raw: string): { event?: Envelope; skip?: boolean } {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new PoisonError("payload is not JSON");
    }
    const type = (json as { type?: unknown })?.type;
    const definition = consumer.events.find((d) => d.type === type);
    if (!definition) {
      if (typeof type === "string" && type.split(".")[0] === consumer.stream.toLowerCase())
        return { skip: true };
      throw new PoisonError(`unknown event type ${String(type)}`);
    }
    const parsed = definition.envelope.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
        .join("; ");
      throw new PoisonError(`event fails its schema: ${issues}`);
    }
    return { event: parsed.data as Envelope };
  }

  /** Handler and inbox row commit together; a redelivered event finds its row and does nothing. */
  async function apply(consumer: ConsumerDefinition, event: Envelope, deliveries: number): Promise<boolean> {
    return database.write(async (tx) => {
      // Every event runs this read and the insert below: their SQL is built once (`prepared`).
      const seen = await prepared(tx, "bus.inboxSeen", (db) =>
        db
          .select({ id: inbox.eventId })
          .from(inbox)
          .where(
            and(
              eq(inbox.consumer, sql.placeholder("consumer")),
              eq(inbox.eventId, sql.placeholder("eventId")),
            ),
          )
          .limit(1),
      ).all({ consumer: consumer.durable, eventId: event.id });
      if (seen.length > 0) return false;
      await consumer.handle(tx, event as EventOf<EventDefinition>, {
        deliveries,
        logger: logger.child({ consumer: consumer.durable, eventId: event.id, type: event.type }),
      });
      await insertRows(tx, inbox, [
        { consumer: consumer.durable, eventId: event.id, processedAt: new Date().toISOString() },
      ]);
      return true;
    });
  }

  async function bury(consumer: ConsumerDefinition, msg: JsMsg, raw: string, error: unknown): Promise<void> {
    let eventId: string | null = null;
    let orgId: string | null = null;
    try {
      const json = JSON.parse(raw) as { id?: unknown; orgId?: unknown };
      if (typeof json.id === "string") eventId = json.id.slice(0, 100);
      if (typeof json.orgId === "string") orgId = json.orgId.slice(0, 100);
    } catch {
      // unparseable payloads are kept as they came
    }
    await database.write((tx) =>
      tx.insert(deadLetters).values({
        id: newId(),
        consumer: consumer.durable,
        stream: consumer.stream,
        subject: msg.subject,
        eventId,
        orgId,
        payload: payloadBox.seal(raw),
        error: describe(error),
        deliveries: msg.info.deliveryCount,
        createdAt: new Date().toISOString(),
      }),
    );
  }

  async function handleMessage(consumer: ConsumerDefinition, msg: JsMsg): Promise<void> {
    const raw = msg.string();
    const deliveries = msg.info.deliveryCount;
    const maxDeliveries = consumer.maxDeliveries ?? 5;
    try {
      const { event, skip } = decode(consumer, raw);
      if (skip || !event) {
        msg.ack();
        return;
      }
      const applied = await apply(consumer, event, deliveries);
      if (!applied)
        logger.debug({ consumer: consumer.durable, eventId: event.id }, "duplicate delivery ignored");
      msg.ack();
    } catch (error) {
      const poison = error instanceof PoisonError;
      if (poison || deliveries >= maxDeliveries) {
        logger.error(
          { consumer: consumer.durable, subject: msg.subject, deliveries, err: error },
          poison
            ? "event can never be processed; dead-lettered"
            : "event failed its last delivery; dead-lettered",
        );
        try {
          await bury(consumer, msg, raw, error);
          msg.term();
        } catch (buryError) {
          // Without a dead-letter row the event must stay in NATS: redeliver it later.
          logger.error({ err: buryError }, "could not record dead letter");
          msg.nak(5_000);
        }
        return;
      }
      const backoff = consumer.backoffMs ?? DEFAULT_BACKOFF;
      const delay = backoff[Math.min(deliveries - 1, backoff.length - 1)] ?? 1_000;
      logger.warn(
        { consumer: consumer.durable, deliveries, retryInMs: delay, err: error },
        "handler failed; will retry",
      );
      msg.nak(delay);
    }
  }

  async function ensureConsumer(consumer: ConsumerDefinition): Promise<void> {
    const jsm = await bus.manager();
    const config = {
      durable_name: consumer.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: consumer.filterSubject,
      ack_wait: nanos(consumer.ackWaitMs ?? 30_000),
      // The runner counts deliveries itself and dead-letters; the server must never give up first.
      max_deliver: -1,
    };
    const existing = await jsm.consumers.info(consumer.stream, consumer.durable).catch(() => undefined);
    if (!existing) await jsm.consumers.add(consumer.stream, config);
    else if (existing.config.filter_subject !== consumer.filterSubject) {
      await jsm.consumers.update(consumer.stream, consumer.durable, {
        filter_subject: consumer.filterSubject,
      });
    }
  }

  /**
   * Ends `messages` when the server behind it is gone for good: the consumer or its stream was
   * lost, or heartbeats stayed missing after the library's own reset. nats.js resets a pull after
   * missed heartbeats, but when the node that led the consumer died, that reset can wait out
   * back-offs of a whole `expires` each while the consumer info times out; rebuilding (ensure the
   * consumer, consume afresh) bounds the stall to a few heartbeat intervals.
   */
  async function watch(
    consumer: ConsumerDefinition,
    messages: ConsumerMessages,
    activity: { missed: number },
  ) {
    for await (const status of await messages.status()) {
      const lost =
        status.type === ConsumerEvents.ConsumerNotFound ||
        status.type === ConsumerEvents.StreamNotFound ||
        status.type === ConsumerEvents.ConsumerDeleted;
      if (status.type === ConsumerEvents.HeartbeatsMissed) activity.missed += 1;
      if (lost || activity.missed >= MISSED_HEARTBEATS_BEFORE_REBUILD) {
        logger.warn(
          { consumer: consumer.durable, status: status.type, data: status.data },
          "consumer lost its server; rebuilding",
        );
        messages.stop();
        return;
      }
    }
  }

  async function consumeLoop(consumer: ConsumerDefinition): Promise<void> {
    const concurrency = consumer.concurrency ?? 8;
    let failures = 0;
    while (running) {
      try {
        await ensureConsumer(consumer);
        const js = await bus.jetstream();
        const handle = await js.consumers.get(consumer.stream, consumer.durable);
        const messages = await handle.consume({
          max_messages: concurrency * 2,
          // Heartbeats every expires/2: a dead server shows within seconds, not 30 s.
          expires: consumer.pullExpiresMs ?? DEFAULT_PULL_EXPIRES_MS,
        });
        const inFlight = new Set<Promise<void>>();
        const close = async () => {
          await messages.close();
        };
        stops.add(close);
        const activity = { missed: 0 };
        void watch(consumer, messages, activity).catch(() => undefined);
        failures = 0;
        try {
          for await (const msg of messages) {
            activity.missed = 0;
            const work = handleMessage(consumer, msg).finally(() => inFlight.delete(work));
            inFlight.add(work);
            if (inFlight.size >= concurrency) await Promise.race(inFlight);
            if (!running) break;
          }
        } finally {
          stops.delete(close);
        }
        await Promise.all(inFlight);
      } catch (error) {
        if (!running) break;
        failures += 1;
        const delay = backoffDelay(failures, { baseMs: 500, capMs: 5_000 });
        logger.warn(
          { consumer: consumer.durable, err: error, retryInMs: delay },
          "consumer stopped; rebuilding",
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      for (const consumer of options.consumers) loops.push(consumeLoop(consumer));
    },
    async stop() {
      running = false;
      await Promise.all([...stops].map((stop) => stop().catch(() => undefined)));
      await Promise.race([Promise.all(loops), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    },
    async replay(deadLetterId) {
      const [row] = await database.db
        .select()
        .from(deadLetters)
        .where(eq(deadLetters.id, deadLetterId))
        .limit(1);
      if (!row) return { status: "not_found" };
      if (row.status === "replayed") return { status: "already_replayed" };
      const consumer = byDurable.get(row.consumer);
      if (!consumer) return { status: "failed", error: `no consumer ${row.consumer} in this service` };
      try {
        const { event, skip } = decode(consumer, openPayload(payloadBox, row.payload));
        if (!skip && event) await apply(consumer, event, row.deliveries + 1);
      } catch (error) {
        await database.write((tx) =>
          tx
            .update(deadLetters)
            .set({ error: describe(error) })
            .where(eq(deadLetters.id, row.id)),
        );
        return { status: "failed", error: describe(error) };
      }
      await database.write((tx) =>
        tx
          .update(deadLetters)
          .set({ status: "replayed", replayedAt: new Date().toISOString() })
          .where(eq(deadLetters.id, row.id)),
      );
      return { status: "replayed" };
    },

    async readPayload(deadLetterId) {
      const [row] = await database.db
        .select({ payload: deadLetters.payload })
        .from(deadLetters)
        .where(eq(deadLetters.id, deadLetterId))
        .limit(1);
      return row ? openPayload(payloadBox, row.payload) : undefined;
    },
  };
}

/** Dead letters recorded before payloads were sealed hold the raw JSON, which starts with `{`. */
function openPayload(box: PayloadBox, stored: string): string {
  return stored.trimStart().startsWith("{") ? stored : box.open(stored);
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 2_000);
}
