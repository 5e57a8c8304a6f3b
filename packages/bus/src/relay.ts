// Publishes outbox rows to JetStream and marks them sent after the ack. A batch is published in
// flight together (one round trip per batch, not per event); NATS being away only delays it.
import { type Database, type Executor, prepared } from "@relais/db";
import { createPump } from "@relais/loops";
import { and, asc, gt, inArray, isNull, lt, sql } from "drizzle-orm";
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

/** `UPDATE outbox SET sent_at = :sentAt WHERE id IN (the JSON array :ids)`. */
function markSent(db: Executor) {
  return db
    .update(outbox)
    .set({ sentAt: sql`${sql.placeholder("sentAt")}` })
    .where(sql`${outbox.id} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`);
}

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
    // One statement whatever the number of rows (the ids as one JSON array), its SQL built once
    // (`prepared`): drizzle building an `IN (?, ?, …)` of hundreds of ids was ~4 % of an intake.
    const mark = (tx: Executor) =>
      prepared(tx, "outbox.markSent", markSent).run({ sentAt, ids: JSON.stringify(ids) });
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

  /**
   * Every row up to this seq has been acked (marked sent, or waiting in `acked` for its mark): a
   * read starts after it instead of reading the payloads of acked rows again until their mark
   * commits (every commit wakes the relay, so each was read several times). seq is AUTOINCREMENT
   * and taken under SQLite's write lock, so no row below it can commit later. Once every mark has
   * committed and nothing new is found, the read starts from the beginning again, so a row that
   * became unsent behind it (a mark that never committed, an operator's reset) is still relayed.
   */
  let ackedThrough = 0;

  const readUnsent = (after: number) =>
    database.db
      .select({ seq: outbox.seq, id: outbox.id, subject: outbox.subject, payload: outbox.payload })
      .from(outbox)
      .where(and(isNull(outbox.sentAt), gt(outbox.seq, after)))
      .orderBy(asc(outbox.seq))
      .limit(batchSize);

  /** Publishes one batch; returns how many rows it handled, or throws when nothing could be sent. */
  async function publishBatch(): Promise<number> {
    let unsent = await readUnsent(ackedThrough);
    if (unsent.length === 0 && ackedThrough > 0 && acked.size === 0) {
      ackedThrough = 0;
      unsent = await readUnsent(0);
    }
    const rows = unsent.filter((row) => !acked.has(row.id));
    if (rows.length === 0) {
      if (acked.size > 0) markSoon();
      return 0;
    }
    const publisher = await bus.publisher();
    const encoder = new TextEncoder();
    const results = await publisher.publish(
      rows.map((row) => ({ subject: row.subject, data: encoder.encode(row.payload), msgID: row.id })),
    );
    const sent = rows.filter((_, i) => results[i]?.status === "fulfilled").map((row) => row.id);
    const failed = rows.filter((_, i) => results[i]?.status === "rejected").map((row) => row.id);
    for (const id of sent) acked.add(id);
    const firstFailed = results.findIndex((result) => result.status === "rejected");
    const through = firstFailed === -1 ? unsent.at(-1) : unsent[unsent.indexOf(rows[firstFailed]!) - 1];
    if (through) ackedThrough = Math.max(ackedThrough, through.seq);
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
        // After this turn: the batch's answers go out before the relay reads and publishes.
        if (!markingSent && !soonOnly) setImmediate(() => pump.wake());
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
