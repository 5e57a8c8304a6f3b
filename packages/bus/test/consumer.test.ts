import { createEvent, ReferralStatusChanged, SupportRequested } from "@relais/contracts";
import { type NatsProcess, waitFor } from "@relais/testing";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Bus } from "../src/connection.js";
import {
  type ConsumerDefinition,
  type ConsumerRunner,
  createConsumerRunner,
  type PayloadBox,
} from "../src/consumer.js";
import { listDeadLetters } from "../src/dead-letters.js";
import { logger, startBusParts, statusEvent, type testDatabase, testPayloadBox } from "./helpers.js";
import { effects } from "./schema.js";

type Db = Awaited<ReturnType<typeof testDatabase>>;

async function publishRaw(bus: Bus, subject: string, payload: string, msgID: string) {
  const js = await bus.jetstream();
  await js.publish(subject, new TextEncoder().encode(payload), { msgID });
}

async function countEffects(db: Db, eventId?: string): Promise<number> {
  const query = db.db.select({ n: sql<number>`count(*)` }).from(effects);
  const [row] = await (eventId ? query.where(eq(effects.eventId, eventId)) : query);
  return Number(row?.n ?? 0);
}

describe("consumer runner", () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  async function setUp(
    handle: ConsumerDefinition["handle"],
    overrides: Partial<ConsumerDefinition> = {},
  ): Promise<{ nats: NatsProcess; bus: Bus; db: Db; runner: ConsumerRunner; box: PayloadBox }> {
    const { nats, db, bus } = await startBusParts("consumer-test", cleanups);
    const box = testPayloadBox();
    const runner = createConsumerRunner({
      bus,
      database: db,
      logger,
      payloadBox: box,
      consumers: [
        {
          stream: "REFERRALS",
          durable: "test-status",
          filterSubject: "referrals.referral.status_changed",
          events: [ReferralStatusChanged],
          maxDeliveries: 3,
          backoffMs: [50],
          handle,
          ...overrides,
        },
      ],
    });
    cleanups.push(() => runner.stop());
    runner.start();
    return { nats, bus, db, runner, box };
  }

  const recordEffect: ConsumerDefinition["handle"] = async (tx, event) => {
    await tx.insert(effects).values({ eventId: event.id, note: event.type });
  };

  it("applies a redelivered event only once", async () => {
    const { bus, db } = await setUp(recordEffect);
    const event = statusEvent("ref-1");
    // Two NATS messages carrying the same event, as after a publish retried past the dedupe window.
    await publishRaw(bus, event.type, JSON.stringify(event), "first");
    await publishRaw(bus, event.type, JSON.stringify(event), "second");
    const other = statusEvent("ref-2");
    await publishRaw(bus, other.type, JSON.stringify(other), other.id);

    await waitFor(async () => (await countEffects(db)) === 2, { timeoutMs: 10_000, message: "effects" });
    const jsm = await bus.manager();
    await waitFor(async () => (await jsm.consumers.info("REFERRALS", "test-status")).num_ack_pending === 0, {
      timeoutMs: 10_000,
      message: "acks",
    });
    expect(await countEffects(db, event.id)).toBe(1);
    expect(await countEffects(db, other.id)).toBe(1);
  });

  it("dead-letters an event whose handler keeps failing, and replays it once fixed", async () => {
    let broken = true;
    let calls = 0;
    const { bus, db, runner } = await setUp(async (tx, event) => {
      calls += 1;
      if (broken) throw new Error("team mailbox unavailable");
      await recordEffect(tx, event, { deliveries: 1, logger });
    });
    const event = statusEvent("ref-dead");
    await publishRaw(bus, event.type, JSON.stringify(event), event.id);

    await waitFor(async () => (await listDeadLetters(db, { orgId: "org-a", limit: 10 })).length === 1, {
      timeoutMs: 15_000,
      message: "dead letter",
    });
    const [dead] = await listDeadLetters(db, { orgId: "org-a", limit: 10 });
    expect(dead).toMatchObject({ eventId: event.id, deliveries: 3, status: "dead", consumer: "test-status" });
    expect(dead?.error).toContain("team mailbox unavailable");
    expect(calls).toBe(3);
    expect(await countEffects(db)).toBe(0);

    broken = false;
    expect(await runner.replay(dead!.id)).toEqual({ status: "replayed" });
    expect(await countEffects(db, event.id)).toBe(1);
    expect(await runner.replay(dead!.id)).toEqual({ status: "already_replayed" });
    expect(await countEffects(db, event.id)).toBe(1);
  });

  it("dead-letters an event that fails its schema at once instead of retrying it", async () => {
    let calls = 0;
    const { bus, db, box } = await setUp(async () => {
      calls += 1;
    });
    const event = statusEvent("ref-bad");
    // A producer that puts a person in clear, and breaks the schema: kept, but never in clear.
    const broken = { ...event, data: { ...event.data, to: "teleported", email: "laura@example.org" } };
    await publishRaw(bus, event.type, JSON.stringify(broken), event.id);
    await publishRaw(bus, event.type, "{not json", "garbage");

    await waitFor(
      async () =>
        (await listDeadLetters(db, { orgId: "org-a", includeUnknownOrg: true, limit: 10 })).length === 2,
      {
        timeoutMs: 10_000,
        message: "dead letters",
      },
    );
    const rows = await listDeadLetters(db, { orgId: "org-a", includeUnknownOrg: true, limit: 10 });
    expect(rows.every((row) => row.deliveries === 1)).toBe(true);
    expect(rows.map((row) => row.error).join(" ")).toMatch(/data\.to/);
    expect(rows.map((row) => row.error).join(" ")).toMatch(/not JSON/);
    expect(calls).toBe(0);
    for (const row of rows) expect(row.payload).not.toContain("laura");
    const kept = rows.map((row) => box.open(row.payload));
    expect(kept).toContain(JSON.stringify(broken));
    expect(kept).toContain("{not json");
    // An organisation only sees its own dead letters.
    expect(await listDeadLetters(db, { orgId: "org-b", limit: 10 })).toHaveLength(0);
  });

  it("skips other event types on a wildcard subject and keeps consuming across a NATS restart", async () => {
    const { nats, bus, db } = await setUp(recordEffect, { filterSubject: "referrals.>" });
    const unrelated = createEvent(SupportRequested, {
      orgId: "org-a",
      source: "test",
      data: {
        referralId: "r",
        personRef: "prs_0123456789",
        role: "victim",
        groupKind: "victim_peer",
        language: "fr",
        municipality: "Seraing",
        timeZone: "Europe/Brussels",
      },
    });
    await publishRaw(bus, unrelated.type, JSON.stringify(unrelated), unrelated.id);
    const first = statusEvent("before");
    await publishRaw(bus, first.type, JSON.stringify(first), first.id);
    await waitFor(async () => (await countEffects(db)) === 1, { timeoutMs: 10_000, message: "first effect" });

    await nats.kill();
    await nats.restart();
    const second = statusEvent("after");
    await waitFor(
      async () => {
        try {
          await publishRaw(bus, second.type, JSON.stringify(second), second.id);
          return true;
        } catch {
          return false;
        }
      },
      { timeoutMs: 15_000, message: "publish after restart" },
    );
    await waitFor(async () => (await countEffects(db)) === 2, {
      timeoutMs: 20_000,
      message: "second effect",
    });
    expect(await listDeadLetters(db, { orgId: "org-a", limit: 10 })).toHaveLength(0);
  });
});
