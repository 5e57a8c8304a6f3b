import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { connect, type NatsConnection, StringCodec } from "nats";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type NatsProcess, startNats } from "./nats.js";
import { canConnect } from "./ports.js";

const sc = StringCodec();

describe("startNats", () => {
  let server: NatsProcess;
  let connections: NatsConnection[] = [];

  beforeAll(async () => {
    server = await startNats();
  });
  afterEach(async () => {
    await Promise.all(connections.map((nc) => nc.close().catch(() => {})));
    connections = [];
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function connectTo(): Promise<NatsConnection> {
    const nc = await connect({ servers: server.url, reconnect: false, timeout: 2_000 });
    connections.push(nc);
    return nc;
  }

  it("runs a JetStream-enabled server on a free port with a temp store", async () => {
    expect(server.url).toBe(`nats://127.0.0.1:${server.port}`);
    expect(existsSync(server.storeDir)).toBe(true);
    const health = await fetch(`${server.monitorUrl}/healthz?js-enabled-only=true`);
    expect(health.status).toBe(200);

    const nc = await connectTo();
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: "SMOKE", subjects: ["smoke.>"] });
    const ack = await nc.jetstream().publish("smoke.one", sc.encode("hello"));
    expect(ack.stream).toBe("SMOKE");
    expect(ack.seq).toBe(1);
  });

  it("fails publishes after kill, and keeps the file store across a restart on the same port", async () => {
    const nc = await connectTo();
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: "DURABLE", subjects: ["durable.>"] });
    const js = nc.jetstream();
    await js.publish("durable.a", sc.encode("before-1"));
    await js.publish("durable.a", sc.encode("before-2"));

    await server.kill();
    expect(server.isRunning()).toBe(false);
    expect(await canConnect(server.port)).toBe(false);
    await expect(js.publish("durable.a", sc.encode("during"), { timeout: 1_000 })).rejects.toThrow();
    await expect(connect({ servers: server.url, reconnect: false, timeout: 1_000 })).rejects.toThrow();

    const pidBefore = server.pid;
    await server.restart();
    expect(server.isRunning()).toBe(true);
    expect(server.pid).not.toBe(pidBefore);

    const again = await connectTo();
    const ack = await again.jetstream().publish("durable.a", sc.encode("after"));
    expect(ack.seq).toBe(3);
    const info = await (await again.jetstreamManager()).streams.info("DURABLE");
    expect(info.state.messages).toBe(3);
    const first = await (await again.jetstreamManager()).streams.getMessage("DURABLE", { seq: 1 });
    expect(sc.decode(first.data)).toBe("before-1");
  });

  it("encrypts the JetStream store as production does: no message body on disk", async () => {
    expect(server.output()).toContain("ChaCha20-Poly1305");
    const nc = await connectTo();
    await (await nc.jetstreamManager()).streams.add({ name: "SECRET", subjects: ["secret.>"] });
    await nc.jetstream().publish("secret.one", sc.encode("laura.peeters@webmail.example"));
    // A graceful restart flushes every block; the message is read back through the server.
    await server.restart();
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
      );
    const stored = files(server.storeDir);
    expect(stored.length).toBeGreaterThan(0);
    for (const file of stored) {
      const bytes = readFileSync(file).toString("latin1");
      // Subjects are not secret: nats-server 2.9 keeps them in clear in its per-subject index
      // (`msgs/*.fss`), which is why no subject carries personal data.
      expect(bytes, file).not.toContain("laura.peeters");
    }
    const again = await connectTo();
    const kept = await (await again.jetstreamManager()).streams.getMessage("SECRET", { seq: 1 });
    expect(sc.decode(kept.data)).toBe("laura.peeters@webmail.example");
  });

  it("restarts a running server gracefully", async () => {
    await server.restart();
    const nc = await connectTo();
    const info = await (await nc.jetstreamManager()).streams.info("SMOKE");
    expect(info.state.messages).toBe(1);
  });
});

describe("startNats lifecycle", () => {
  it("removes its own store on stop, keeps a caller's store, and stop is idempotent", async () => {
    const server = await startNats();
    await server.stop();
    expect(existsSync(server.storeDir)).toBe(false);
    expect(await canConnect(server.port)).toBe(false);
    await server.stop();
    await expect(server.restart()).rejects.toThrow(/stopped/);
  });

  it("keeps a store dir the caller gave", async () => {
    const { mkdtemp, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = await mkdtemp(join(tmpdir(), "relais-nats-given-"));
    try {
      await using server = await startNats({ storeDir: dir });
      expect(server.storeDir).toBe(dir);
    } finally {
      expect(existsSync(dir)).toBe(true);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("says how to install nats-server when the binary is missing", async () => {
    const previous = process.env.NATS_SERVER_BIN;
    process.env.NATS_SERVER_BIN = "/nonexistent/nats-server";
    try {
      await expect(startNats()).rejects.toThrow(/apt-get install -y nats-server/);
    } finally {
      if (previous === undefined) delete process.env.NATS_SERVER_BIN;
      else process.env.NATS_SERVER_BIN = previous;
    }
  });

  it("fails within the timeout with the server's output when it cannot start", async () => {
    const started = Date.now();
    await expect(startNats({ args: ["--this-flag-does-not-exist"] })).rejects.toThrow(/nats-server/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
