import { type NatsProcess, startNats } from "@relais/testing";
import { afterEach, describe, expect, it } from "vitest";
import { type Bus, connectBus } from "../src/connection.js";
import { ensureStreams } from "../src/streams.js";
import { logger } from "./helpers.js";

const encode = (text: string) => new TextEncoder().encode(text);

describe("acked publisher", () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  async function setUp(timeoutMs = 1_000): Promise<{ nats: NatsProcess; bus: Bus }> {
    const nats = await startNats();
    cleanups.push(() => nats.stop());
    const bus = connectBus({ servers: nats.url, name: "publisher-test", logger, timeoutMs });
    cleanups.push(() => bus.close());
    await ensureStreams(await bus.manager(), ["REFERRALS"], { replicas: 1 });
    return { nats, bus };
  }

  it("settles each message on its own ack, and stores a message id once", async () => {
    const { bus } = await setUp();
    const publisher = await bus.publisher();
    const messages = Array.from({ length: 50 }, (_, i) => ({
      subject: "referrals.referral.received",
      data: encode(JSON.stringify({ i })),
      msgID: `msg-${i}`,
    }));
    const first = await publisher.publish(messages);
    expect(first.map((result) => result.status)).toEqual(Array(50).fill("fulfilled"));
    // Published again (a relay that crashed before its mark): acked, and not stored twice.
    const again = await publisher.publish(messages.slice(0, 10));
    expect(again.map((result) => result.status)).toEqual(Array(10).fill("fulfilled"));
    const info = await (await bus.manager()).streams.info("REFERRALS");
    expect(info.state.messages).toBe(50);
    const stored = await (await bus.manager()).streams.getMessage("REFERRALS", { seq: 7 });
    expect(stored.header.get("Nats-Msg-Id")).toBe("msg-6");
    expect(stored.json()).toEqual({ i: 6 });
  });

  it("rejects a message no stream takes at once, and the others of its batch not at all", async () => {
    const { bus } = await setUp(5_000);
    const publisher = await bus.publisher();
    const started = Date.now();
    const results = await publisher.publish([
      { subject: "referrals.referral.received", data: encode("{}"), msgID: "kept" },
      { subject: "nowhere.at.all", data: encode("{}"), msgID: "lost" },
    ]);
    expect(results[0]?.status).toBe("fulfilled");
    expect(results[1]).toMatchObject({ status: "rejected", reason: expect.any(Error) });
    // NATS answers "no responders": no need to wait for the 5 s timeout.
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("rejects what gets no ack within the timeout", async () => {
    const { nats, bus } = await setUp(500);
    const publisher = await bus.publisher();
    await nats.stop();
    const results = await publisher.publish([
      { subject: "referrals.referral.received", data: encode("{}"), msgID: "late" },
    ]);
    expect(results[0]).toMatchObject({ status: "rejected" });
    expect(String((results[0] as PromiseRejectedResult).reason)).toContain("no ack within 500 ms");
  });
});
