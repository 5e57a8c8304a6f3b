// A real JetStream cluster on free ports, for tests of replicated streams and node failures.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type NatsProcess, startNats } from "./nats.js";
import { freePorts } from "./ports.js";
import { waitFor } from "./wait-for.js";

export interface StartNatsClusterOptions {
  size?: number;
  /** Cluster name; nodes are named n1..nN. */
  name?: string;
  /** Bound on start-up plus meta-leader election. */
  timeoutMs?: number;
}

export interface NatsCluster {
  /** Comma-separated client URLs, the form `NATS_URL` takes. */
  readonly urls: string;
  readonly servers: string[];
  /** Node `i` has the server name `n${i + 1}`. */
  readonly nodes: NatsProcess[];
  /** Name of the current JetStream meta leader, as the first answering node reports it. */
  metaLeader(): Promise<string | undefined>;
  /** Resolves with the leader's name once every running node names the same running leader. */
  waitForMetaLeader(timeoutMs?: number): Promise<string>;
  /** Stops every node and removes the stores. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

interface Jsz {
  meta_cluster?: { leader?: string; cluster_size?: number };
}

export async function startNatsCluster(options: StartNatsClusterOptions = {}): Promise<NatsCluster> {
  const { size = 3, name = "relais-test", timeoutMs = 20_000 } = options;
  const root = await mkdtemp(join(tmpdir(), "relais-nats-cluster-"));
  const ports = await freePorts(size * 3);
  const clusterPorts = ports.slice(size * 2);
  const nodes: NatsProcess[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await rm(root, { recursive: true, force: true });
  };
  try {
    const started = await Promise.allSettled(
      clusterPorts.map((clusterPort, i) =>
        startNats({
          port: ports[i],
          monitorPort: ports[size + i],
          storeDir: join(root, `n${i + 1}`),
          readyTimeoutMs: timeoutMs,
          args: [
            "--server_name",
            `n${i + 1}`,
            "--cluster_name",
            name,
            "--cluster",
            `nats://127.0.0.1:${clusterPort}`,
            "--routes",
            clusterPorts
              .filter((other) => other !== clusterPort)
              .map((other) => `nats://127.0.0.1:${other}`)
              .join(","),
          ],
        }),
      ),
    );
    for (const result of started) if (result.status === "fulfilled") nodes.push(result.value);
    const failure = started.find((result) => result.status === "rejected");
    if (failure) throw failure.reason;

    const nodeName = (node: NatsProcess) => `n${nodes.indexOf(node) + 1}`;
    const metaLeader = async () => {
      for (const node of nodes) {
        if (!node.isRunning()) continue;
        const leader = (await readJsz(node))?.meta_cluster?.leader;
        if (leader) return leader;
      }
      return undefined;
    };
    const waitForMetaLeader = async (waitMs = timeoutMs) => {
      let leader: string | undefined;
      await waitFor(
        async () => {
          const running = nodes.filter((node) => node.isRunning());
          const leaders = await Promise.all(
            running.map(async (node) => (await readJsz(node))?.meta_cluster?.leader),
          );
          leader = leaders[0];
          // Followers keep naming a killed leader until they notice it is gone.
          const leaderIsUp = running.some((node) => nodeName(node) === leader);
          return leaderIsUp && leaders.every((other) => other === leader);
        },
        { timeoutMs: waitMs, intervalMs: 100, message: `a JetStream meta leader in cluster "${name}"` },
      );
      return leader!;
    };
    await waitForMetaLeader();
    const servers = nodes.map((node) => node.url);
    return {
      urls: servers.join(","),
      servers,
      nodes,
      metaLeader,
      waitForMetaLeader,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    const logs = nodes.map((node, i) => `--- n${i + 1} ---\n${node.output()}`).join("\n");
    await stop();
    if (error instanceof Error && logs) error.message += `\n${logs}`;
    throw error;
  }
}

async function readJsz(node: NatsProcess): Promise<Jsz | undefined> {
  try {
    const response = await fetch(`${node.monitorUrl}/jsz`, { signal: AbortSignal.timeout(1_000) });
    return response.ok ? ((await response.json()) as Jsz) : undefined;
  } catch {
    return undefined;
  }
}
