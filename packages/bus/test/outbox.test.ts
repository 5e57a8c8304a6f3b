import { type NatsProcess, waitFor } from "@relais/testing";
import { eq, isNull, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Bus } from "../src/connection.js";
import { enqueue } from "../src/outbox.js";
import { createOutboxRelay, type OutboxRelay } from "../src/relay.js";
import { logger, startBusParts, statusEvent, type testDatabase } from "./helpers.js";
import { effects, outbox } from "./schema.js";

const statusEventOf = (i: number) => statusEvent(`ref-${i}`);

async function streamMessageIds(bus: Bus): Promise<string[]> {
  const jsm = await bus.manager();
  const info = await jsm.streams.info("REFERRALS");
  const ids: string[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const msg = await jsm.streams.getMessage("REFERRALS", { seq });
    ids.push((msg.json() as { id: string }).id);
  }
  return ids;
}

describe("transactional outbox", () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  async function setUp(relayOptions: { markDelayMs?: number } = {}): Promise<{
    nats: NatsProcess;
    bus: Bus;
    relay: OutboxRelay;
    db: Awaited<ReturnType<typeof testDatabase>>;
  }> {
    const { nats, db, bus } = await startBusParts("outbox-test", cleanups);
    const relay = createOutboxRelay({ database: db, bus, logger, maxBackoffMs: 500, ...relayOptions });
    cleanups.push(() => relay.stop());
    return { nats, bus, relay, db };
  }

  it("keeps accepting writes while NATS is down and publishes each event exactly once when it returns", async () => {
    const { nats, bus, relay, db } = await setUp();
    relay.start();
    await nats.kill();

    const written: string[] = [];
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const event = statusEventOf(i);
        await db.write(async (tx) => {
          await tx.insert(effects).values({ eventId: event.id, note: `write ${i}` });
          await enqueue(tx, event);
        });
        written.push(event.id);
      }),
    );
    expect(written).toHaveLength(200);
    expect(await relay.pending()).toBe(200);

    await nats.restart();
    await relay.drained(30_000);

    const published = await streamMessageIds(bus);
    expect(published).toHaveLength(200);
    expect(new Set(published)).toEqual(new Set(written));
  });

  it("marks a trickle of relayed events sent together, not one disk sync per event", async () => {
    const { bus, relay, db } = await setUp();
    relay.start();
    let marksOnly = 0;
    db.onCommit(({ soonOnly }) => {
      if (soonOnly) marksOnly += 1;
    });
    // One event every 10 ms, as a steady intake writes them: each write is its own commit.
    const started = performance.now();
    for (let i = 0; i < 20; i++) {
      await db.write((tx) => enqueue(tx, statusEventOf(i)));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await relay.drained();
    const elapsedMs = performance.now() - started;
    expect(await streamMessageIds(bus)).toHaveLength(20);
    // The marks ride along with the writes' commits, or commit on their own at most once per
    // 100 ms (the relay's mark delay): a few such commits, not one per event. The bound follows
    // the time the loop really took, so a loaded machine (10 ms waits taking 100) cannot fail it.
    expect(marksOnly).toBeLessThanOrEqual(Math.ceil(elapsedMs / 100) + 1);
  });

  it("marks relayed events sent in the commit of a later write, with no disk sync of their own", async () => {
    // A mark may wait a minute for a ride: only another write's commit can carry it here.
    const { bus, relay, db } = await setUp({ markDelayMs: 60_000 });
    relay.start();
    const commits: boolean[] = [];
    db.onCommit(({ soonOnly }) => {
      commits.push(soonOnly);
    });
    const first = statusEventOf(1);
    await db.write((tx) => enqueue(tx, first));
    const sentAt = async () =>
      (await db.db.select({ sentAt: outbox.sentAt }).from(outbox).where(eq(outbox.id, first.id)))[0]?.sentAt;
    let i = 0;
    await waitFor(
      async () => {
        // Other writes, as the next intakes make them.
        await db.write((tx) => tx.insert(effects).values({ eventId: `other-${i++}`, note: "next" }));
        return (await sentAt()) != null;
      },
      { message: "the first event marked sent" },
    );
    expect((await streamMessageIds(bus)).filter((id) => id === first.id)).toHaveLength(1);
    // Every commit was a write's own: the marks never committed alone.
    expect(commits.length).toBeGreaterThanOrEqual(2);
    expect(commits.every((soonOnly) => !soonOnly)).toBe(true);
    // Stopping marks what is left at once.
    await relay.stop();
    expect(await relay.pending()).toBe(0);
  });

  it("does not publish an event twice when a row is relayed again after its ack", async () => {
    const { bus, relay, db } = await setUp();
    const events = Array.from({ length: 20 }, (_, i) => statusEventOf(i));
    await db.write((tx) => enqueue(tx, ...events));
    relay.start();
    await relay.drained();

    // As if the process died between the ack and marking the rows sent.
    await db.write((tx) => tx.update(outbox).set({ sentAt: null }));
    relay.wake();
    await relay.drained();

    expect(await streamMessageIds(bus)).toHaveLength(20);
    const [unsent] = await db.db
      .select({ n: sql<number>`count(*)` })
      .from(outbox)
      .where(isNull(outbox.sentAt));
    expect(Number(unsent?.n)).toBe(0);
  });

  it("rolls the event back with the transaction that failed", async () => {
    const { bus, relay, db } = await setUp();
    relay.start();
    await expect(
      db.write(async (tx) => {
        await enqueue(tx, statusEventOf(1));
        throw new Error("domain rule broken");
      }),
    ).rejects.toThrow("domain rule broken");
    await db.write((tx) => enqueue(tx, statusEventOf(2)));
    await relay.drained();
    const ids = await streamMessageIds(bus);
    expect(ids).toHaveLength(1);
  });
});
