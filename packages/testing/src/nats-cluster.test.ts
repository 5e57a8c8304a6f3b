import { connect, StringCodec } from "nats";
import { describe, expect, it } from "vitest";
import { startNatsCluster } from "./nats-cluster.js";

describe("startNatsCluster", () => {
  it("forms a 3-node JetStream cluster with a meta leader and serves R3 streams", {
    timeout: 30_000,
  }, async () => {
    await using cluster = await startNatsCluster({ size: 3, timeoutMs: 20_000 });
    expect(cluster.nodes).toHaveLength(3);
    expect(cluster.urls.split(",")).toHaveLength(3);
    const leader = await cluster.metaLeader();
    expect(["n1", "n2", "n3"]).toContain(leader);

    const nc = await connect({ servers: cluster.servers, timeout: 2_000 });
    try {
      const jsm = await nc.jetstreamManager();
      const stream = await jsm.streams.add({
        name: "REPLICATED",
        subjects: ["replicated.>"],
        num_replicas: 3,
      });
      expect(stream.config.num_replicas).toBe(3);
      const ack = await nc.jetstream().publish("replicated.x", StringCodec().encode("x"));
      expect(ack.seq).toBe(1);
    } finally {
      await nc.close();
    }
  });

  it("elects a new meta leader after the leader is killed", { timeout: 30_000 }, async () => {
    await using cluster = await startNatsCluster({ timeoutMs: 20_000 });
    const leader = await cluster.waitForMetaLeader();
    const leaderNode = cluster.nodes[Number(leader.slice(1)) - 1]!;
    await leaderNode.kill();
    const next = await cluster.waitForMetaLeader(15_000);
    expect(next).not.toBe(leader);
  });
});
