// The stack on a 3-node JetStream cluster with replicas 3 (what infra/nats/cluster-node-*.conf
// describe, on free ports): one node SIGKILLed mid-flow, first a follower and then the meta
// leader, and the flow still completes with every effect exactly once. Slow: runs in
// `pnpm --filter @relais/infra test:e2e` only.
import { type NatsCluster, type NatsProcess, startNatsCluster } from "@relais/testing";
import { describe, expect, it } from "vitest";
import { runFlow, settleFlow, setUpFlow } from "./flow.js";
import { type Stack, startStack } from "./stack.js";

const REFERRALS = 30;

interface JszStream {
  name: string;
  cluster?: { leader?: string; replicas?: { name: string; current: boolean }[] };
  config?: { num_replicas?: number };
}

async function streamReplicas(node: NatsProcess): Promise<Record<string, number>> {
  const response = await fetch(`${node.monitorUrl}/jsz?streams=true&config=true`, {
    signal: AbortSignal.timeout(2_000),
  });
  const jsz = (await response.json()) as { account_details?: { stream_detail?: JszStream[] }[] };
  const replicas: Record<string, number> = {};
  for (const account of jsz.account_details ?? []) {
    for (const stream of account.stream_detail ?? [])
      replicas[stream.name] = stream.config?.num_replicas ?? 0;
  }
  return replicas;
}

const ENV = { SCHEDULER_INTERVAL_MS: "250", LEASE_MS: "5000", RETRY_BASE_MS: "1000" };

/**
 * A fresh cluster and stack per test, so one test's failure cannot leak into the next; a node is
 * SIGKILLed a third of the way through the flow and restarted once the flow has settled.
 */
async function flowWithNodeKilled(
  pick: (cluster: NatsCluster, leader: string) => NatsProcess,
  prefix: string,
) {
  const cluster = await startNatsCluster({ timeoutMs: 30_000 });
  let stack: Stack | undefined;
  const nodeName = (node: NatsProcess) => `n${cluster.nodes.indexOf(node) + 1}`;
  try {
    stack = await startStack({ cluster, env: ENV });
    const replicas = await streamReplicas(cluster.nodes[0]!);
    await setUpFlow(stack, prefix);
    const leader = await cluster.waitForMetaLeader(30_000);
    const victim = pick(cluster, leader);
    let killed: { node: string; wasLeader: boolean; atReferral: number } | undefined;
    let killing: Promise<void> | undefined;
    const running = stack;
    const flow = await runFlow(running, {
      prefix,
      referrals: REFERRALS,
      onProgress: (done) => {
        if (done === Math.round(REFERRALS / 3) && !killing) {
          killed = { node: nodeName(victim), wasLeader: nodeName(victim) === leader, atReferral: done };
          killing = victim.kill();
        }
      },
    });
    await killing;
    const settled = await settleFlow(running, { referrals: REFERRALS });
    const newLeader = await cluster.waitForMetaLeader(30_000);
    // The node comes back and catches up from its peers.
    const restartStarted = Date.now();
    await victim.restart();
    await cluster.waitForMetaLeader(30_000);
    return { replicas, flow, settled, killed, newLeader, restartMs: Date.now() - restartStarted };
  } finally {
    await stack?.stop();
    await cluster.stop();
    // Nothing this test started outlives it.
    for (const service of Object.values(stack?.services ?? {}))
      expect(service.process.isRunning()).toBe(false);
    for (const node of cluster.nodes) expect(node.isRunning()).toBe(false);
  }
}

describe("on a 3-node JetStream cluster with replicas 3", () => {
  it("completes the flow when a follower node is SIGKILLed mid-flow", async () => {
    const result = await flowWithNodeKilled(
      (cluster, leader) => cluster.nodes.find((node) => `n${cluster.nodes.indexOf(node) + 1}` !== leader)!,
      "follower",
    );
    expect(result.replicas).toMatchObject({ REFERRALS: 3, GROUPS: 3, NOTIFICATIONS: 3 });
    expect(result.killed?.wasLeader).toBe(false);
    expect(result.settled.mail.maxPerMessageId).toBeLessThanOrEqual(2);
    expect(result.settled.mail.logicalDuplicates).toEqual([]);
    console.info("[cluster] follower killed", JSON.stringify(summary(result)));
  }, 240_000);

  it("completes the flow when the meta leader is SIGKILLed mid-flow", async () => {
    const result = await flowWithNodeKilled(
      (cluster, leader) => cluster.nodes.find((node) => `n${cluster.nodes.indexOf(node) + 1}` === leader)!,
      "leader",
    );
    expect(result.replicas).toMatchObject({ REFERRALS: 3, GROUPS: 3, NOTIFICATIONS: 3 });
    expect(result.killed?.wasLeader).toBe(true);
    expect(result.newLeader).not.toBe(result.killed?.node);
    expect(result.settled.mail.maxPerMessageId).toBeLessThanOrEqual(2);
    expect(result.settled.mail.logicalDuplicates).toEqual([]);
    console.info("[cluster] meta leader killed", JSON.stringify(summary(result)));
  }, 240_000);
});

function summary(result: {
  flow: Awaited<ReturnType<typeof runFlow>>;
  settled: Awaited<ReturnType<typeof settleFlow>>;
  killed?: { node: string; wasLeader: boolean; atReferral: number };
  newLeader: string;
  restartMs: number;
}) {
  const { referralIds: _ids, ...flow } = result.flow;
  return {
    killed: result.killed,
    newLeader: result.newLeader,
    ...flow,
    settled: result.settled,
    restartMs: result.restartMs,
  };
}
