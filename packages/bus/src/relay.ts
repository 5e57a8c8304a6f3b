// Publishes outbox rows to JetStream and marks them sent after the ack. A batch is published in
// flight together (one round trip per batch, not per event); NATS being away only delays it.
import type { Database } from "@relais/db";
import { createPump } from "@relais/loops";
import { and, asc, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Logger } from "pino";
import type { Bus } from "./connection.js";
import { outbox } from "./schema.js";

export interface RelayOptions {
  database: Database;
  bus: Bus;
  logger: Logger;
  batchSize?: number;
  /** Safety net in case a commit happened in another process (a shared libSQL server). */
  pollIntervalMs?: number;
  maxBackoffMs?: number;
  /** Sent rows are deleted after this long. */
  keepSentMs?: number;
  /**
   * How long acked rows wait for another write's commit to be marked sent in (default 100 ms);
   * after that they are marked in a commit of their own.
   */
  markDelayMs?: number;
}

/** Marked at once past this many acked rows. */
const MARK_AT_MOST = 1_000;

export interface OutboxRelay {
  start(): void;
  /** Publish now rather than at the next poll; called on every commit. */
  wake(): void;
  /** Resolves when the outbox is empty (for tests and for shutdown). */
  drained(timeoutMs?: number): Promise<void>;
  pending(): Promise<number>;
  stop(): Promise<void>;
}

export function createOutboxRelay(options: RelayOptions): OutboxRelay {
  const { database, bus, logger } = options;
  const batchSize = options.batchSize ?? 500;
  const keepSentMs = options.keepSentMs ?? 24 * 3_600_000;
  let lastPrune = 0;
  // The relay's own commits (failed attempts, marks committed alone) must not wake it: after a
  // batch it looks again anyway, and waking on them cost an extra read per batch.
  let markingSent = false;

  // Rows published and acked but not yet marked sent. Marking is a write, and a write is a disk
  // sync: marked once per batch, a steady trickle of intakes paid two syncs each (its own, and
  // its events' mark). Marks ride along with the next commit another write makes anyway
  // (`writeSoon`), and commit alone only when none comes within `markDelayMs` (or at once past
  // `MARK_AT_MOST` rows). A crash before the mark publishes those rows again, which JetStream's
  // duplicate window (msgID) and the consumers' inbox absorb, as they do for two relays on one
  // database.
  const acked = new Set<string>();
  /** Acked rows whose mark is on its way (in a `writeSoon`): not marked twice. */
  const marking = new Set<string>();
  const markDelayMs = options.markDelayMs ?? 100;
  const inFlight = new Set<Promise<void>>();

  async function markAcked(now: boolean): Promise<void> {
    const ids = [...acked].filter((id) => !marking.has(id));
    if (ids.length === 0) return;
    for (const id of ids) marking.add(id);
    const sentAt = new Date().toISOString();
    const mark = async (tx: Parameters<Parameters<typeof database.write>[0]>[0]) => {
      // SQLite caps bound parameters per statement.
      for (let i = 0; i < ids.length; i += 500) {
        await tx
          .update(outbox)
          .set({ sentAt })
          .where(inArray(outbox.id, ids.slice(i, i + 500)));
      }
    };
    try {
      await (now ? database.write(mark) : database.writeSoon(mark, markDelayMs));
      for (const id of ids) acked.delete(id);
    } finally {
      for (const id of ids) marking.delete(id);
    }
  }

  function markSoon(): void {
    const pending = markAcked(acked.size >= MARK_AT_MOST).catch((error) =>
      logger.warn({ err: error }, "outbox relay could not mark rows sent; will retry"),
    );
    inFlight.add(pending);
    void pending.finally(() => inFlight.delete(pending));
  }

  /** Publishes one batch; returns how many rows it handled, or throws when nothing could be sent. */
  async function publishBatch(): Promise<number> {
    const unsent = await database.db
      .select({ id: outbox.id, subject: outbox.subject, payload: outbox.payload })
      .from(outbox)
      .where(isNull(outbox.sentAt))
      .orderBy(asc(outbox.seq))
      .limit(batchSize + acked.size);
    const rows = unsent.filter((row) => !acked.has(row.id)).slice(0, batchSize);
    if (rows.length === 0) {
      if (acked.size > 0) markSoon();
      return 0;
    }
    const js = await bus.jetstream();
    const encoder = new TextEncoder();
    const results = await Promise.allSettled(
      rows.map((row) => js.publish(row.subject, encoder.encode(row.payload), { msgID: row.id })),
    );
    const sent = rows.filter((_, i) => results[i]?.status === "fulfilled").map((row) => row.id);
    const failed = rows.filter((_, i) => results[i]?.status === "rejected").map((row) => row.id);
    for (const id of sent) acked.add(id);
    if (sent.length > 0) markSoon();
    if (failed.length > 0) {
      markingSent = true;
      await database
        .write((tx) =>
          tx
            .update(outbox)
            .set({ attempts: sql`${outbox.attempts} + 1` })
            .where(inArray(outbox.id, failed)),
        )
        .finally(() => {
          markingSent = false;
        });
    }
    if (sent.length === 0) {
      const reason = results.find((r) => r.status === "rejected") as PromiseRejectedResult | undefined;
      throw reason?.reason ?? new Error("publish failed");
    }
    return rows.length;
  }

  async function prune(): Promise<void> {
    if (Date.now() - lastPrune < 60_000) return;
    lastPrune = Date.now();
    const before = new Date(Date.now() - keepSentMs).toISOString();
    await database.write((tx) => tx.delete(outbox).where(and(lt(outbox.sentAt, before))));
  }

  // While NATS is away the pump backs off (100 ms doubling to 5 s); commits do not cut it short.
  const pump = createPump({
    name: "outbox relay",
    work: publishBatch,
    onIdle: prune,
    intervalMs: options.pollIntervalMs ?? 1_000,
    backoff: { baseMs: 100, capMs: options.maxBackoffMs ?? 5_000 },
    onError: (error, retryInMs) =>
      logger.warn({ err: error, retryInMs }, "outbox relay could not publish; will retry"),
  });
  let unsubscribe: (() => void) | undefined;

  const relay: OutboxRelay = {
    start() {
      unsubscribe ??= database.onCommit(({ soonOnly }) => {
        if (!markingSent && !soonOnly) pump.wake();
      });
      pump.start();
    },
    wake: () => pump.wake(),
    async pending() {
      const [row] = await database.db
        .select({ n: sql<number>`count(*)` })
        .from(outbox)
        .where(isNull(outbox.sentAt));
      return Number(row?.n ?? 0);
    },
    async drained(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while ((await relay.pending()) > 0) {
        if (Date.now() > deadline) throw new Error(`outbox not drained after ${timeoutMs} ms`);
        relay.wake();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      await pump.stop();
      await Promise.all(inFlight);
      await markAcked(true).catch((error) =>
        logger.warn({ err: error }, "outbox relay could not mark rows sent before stopping"),
      );
    },
  };
  return relay;
}
