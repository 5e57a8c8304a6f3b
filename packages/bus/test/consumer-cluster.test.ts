// On a 3-node JetStream cluster: when the node that leads a consumer dies, the runner goes on
// consuming within a bounded time (it rebuilds the consume loop once heartbeats stop), so no
// consumer of a service stalls while the others carry on.
import { ReferralStatusChanged } from "@relais/contracts";
import { type NatsCluster, startNatsCluster, waitFor } from "@relais/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Bus, connectBus } from "../src/connection.js";
import { type ConsumerRunner, createConsumerRunner } from "../src/consumer.js";
import { ensureStreams } from "../src/streams.js";
import { logger, statusEvent, testDatabase, testPayloadBox } from "./helpers.js";
import { effects } from "./schema.js";

const DURABLE = "cluster-status";
/** How soon after the kill every event must be applied: heartbeats every 2.5 s, rebuild after 2 reports. */
const RECOVERY_BOUND_MS = 25_000;

describe("consumer runner on a cluster", () => {
  let cluster: NatsCluster;
  let bus: Bus;
  let publisher: Bus;
  let runner: ConsumerRunner;
  let db: Awaited<ReturnType<typeof testDatabase>>;

  beforeAll(async () => {
    cluster = await startNatsCluster({ timeoutMs: 30_000 });
    await cluster.waitForMetaLeader(30_000);
    db = await testDatabase();
    bus = connectBus({ servers: cluster.urls, name: "cluster-consumer", logger, timeoutMs: 2_000 });
    publisher = connectBus({ servers: cluster.urls, name: "cluster-publisher", logger, timeoutMs: 2_000 });
    await ensureStreams(await bus.manager(), ["REFERRALS"], { replicas: 3 });
    runner = createConsumerRunner({
      bus,
      database: db,
      logger,
      payloadBox: testPayloadBox(),
      consumers: [
        {
          stream: "REFERRALS",
          durable: DURABLE,
          filterSubject: "referrals.referral.status_changed",
          events: [ReferralStatusChanged],
          handle: async (tx, event) => {
            await tx.insert(effects).values({ eventId: event.id, note: event.type });
          },
        },
      ],
    });
    runner.start();
  }, 90_000);
  afterAll(async () => {
    await runner?.stop();
    await bus?.close();
    await publisher?.close();
    await db?.cleanup();
    await cluster?.stop();
  }, 60_000);

  const applied = async () => Number((await db.db.select({ n: sql<number>`count(*)` }).from(effects))[0]?.n);

  async function publish(from: number, to: number) {
    for (let i = from; i < to; i++) {
      const event = statusEvent(`ref-${i}`);
      // Retried through the election: the stream needs a leader to take a publish.
      await waitFor(
        async () => {
          const js = await publisher.jetstream();
          await js.publish(event.type, new TextEncoder().encode(JSON.stringify(event)), { msgID: event.id });
          return true;
        },
        { timeoutMs: 30_000, intervalMs: 200, message: `publish ${i}` },
      );
    }
  }

  it("applies every event within a bounded time after the node leading its consumer is SIGKILLed", async () => {
    await publish(0, 20);
    await waitFor(async () => (await applied()) === 20, { timeoutMs: 30_000, message: "first 20 applied" });
    const info = await (await bus.manager()).consumers.info("REFERRALS", DURABLE);
    const leader = info.cluster?.leader;
    const victim = cluster.nodes.find((_, i) => `n${i + 1}` === leader);
    expect(victim, `consumer leader ${leader}`).toBeDefined();

    await victim!.kill();
    const killedAt = Date.now();
    await publish(20, 40);
    await waitFor(async () => (await applied()) === 40, {
      timeoutMs: RECOVERY_BOUND_MS,
      intervalMs: 100,
      message: `all 40 applied within ${RECOVERY_BOUND_MS} ms of the kill`,
    });
    const recoveredMs = Date.now() - killedAt;
    console.info("[consumer-cluster]", JSON.stringify({ killed: leader, recoveredMs }));
    // Each event once.
    const [row] = await db.db.select({ n: sql<number>`count(DISTINCT event_id)` }).from(effects);
    expect(Number(row?.n)).toBe(40);
    await victim!.restart();
  }, 120_000);
});
