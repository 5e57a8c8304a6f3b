// A real nats-server with JetStream for integration tests: free ports, a temporary file store,
// and kill / restart on the same port and store to test outages and recovery.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ManagedChild } from "./child-process.js";
import { natsServerBinary } from "./nats-binary.js";
import { canConnect, freePort } from "./ports.js";
import { sleep } from "./wait-for.js";

const READY_LINE = "Server is ready";
/** The JetStream store key of test servers unless one is given: fixed, so a kept store reopens. */
export const TEST_JS_KEY = "relais-test-jetstream-store-key-0123456789";
const CIPHER_CONFIG = fileURLToPath(new URL("./jetstream-cipher.conf", import.meta.url));
const READY_TIMEOUT_MS = 10_000;

export interface StartNatsOptions {
  /** Client port; a free one by default. */
  port?: number;
  /** HTTP monitoring port (`/healthz`, `/jsz`); a free one by default. */
  monitorPort?: number;
  /** JetStream store; a fresh temp dir by default, removed on `stop()`. A given dir is kept. */
  storeDir?: string;
  /** Extra command-line flags, e.g. cluster flags. They override the config file. */
  args?: string[];
  /**
   * A config file instead of the default one, which encrypts the JetStream store with `storeKey`
   * (`jetstream { cipher: chachapoly, key: $JS_KEY }`, as production runs).
   */
  configFile?: string;
  /** `JS_KEY` for the store encryption; `TEST_JS_KEY` by default. */
  storeKey?: string;
  readyTimeoutMs?: number;
}

export interface NatsProcess {
  readonly url: string;
  readonly port: number;
  readonly monitorPort: number;
  /** `http://127.0.0.1:<monitorPort>` */
  readonly monitorUrl: string;
  readonly storeDir: string;
  readonly pid: number | undefined;
  isRunning(): boolean;
  /** The server's recent log lines. */
  output(): string;
  /** SIGKILL, as in a crash: nothing is flushed. Resolves once the process has exited. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for exit; removes the store dir unless the caller gave it. Idempotent. */
  stop(): Promise<void>;
  /** Stops the server if it runs, then starts it on the same port and store; resolves once ready. */
  restart(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startNats(options: StartNatsOptions = {}): Promise<NatsProcess> {
  const binary = natsServerBinary();
  const ownsStore = options.storeDir === undefined;
  const storeDir = options.storeDir ?? (await mkdtemp(join(tmpdir(), "relais-nats-")));
  // Ports picked here can be taken by someone else before the server binds them; then pick again.
  const attempts = options.port === undefined || options.monitorPort === undefined ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const server = new NatsServer({
      binary,
      port: options.port ?? (await freePort()),
      monitorPort: options.monitorPort ?? (await freePort()),
      storeDir,
      ownsStore,
      extraArgs: ["-c", options.configFile ?? CIPHER_CONFIG, ...(options.args ?? [])],
      storeKey: options.storeKey ?? TEST_JS_KEY,
      readyTimeoutMs: options.readyTimeoutMs ?? READY_TIMEOUT_MS,
    });
    try {
      await server.launch();
      return server;
    } catch (error) {
      lastError = error;
      if (!(error instanceof PortInUseError)) break;
    }
  }
  if (ownsStore) await rm(storeDir, { recursive: true, force: true });
  throw lastError;
}

class PortInUseError extends Error {}

interface NatsServerConfig {
  binary: string;
  port: number;
  monitorPort: number;
  storeDir: string;
  ownsStore: boolean;
  extraArgs: string[];
  storeKey: string;
  readyTimeoutMs: number;
}

class NatsServer implements NatsProcess {
  readonly url: string;
  readonly port: number;
  readonly monitorPort: number;
  readonly monitorUrl: string;
  readonly storeDir: string;
  private child: ManagedChild | undefined;
  private stopped = false;

  constructor(private readonly config: NatsServerConfig) {
    this.port = config.port;
    this.monitorPort = config.monitorPort;
    this.url = `nats://127.0.0.1:${config.port}`;
    this.monitorUrl = `http://127.0.0.1:${config.monitorPort}`;
    this.storeDir = config.storeDir;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  isRunning(): boolean {
    return this.child?.running ?? false;
  }

  output(): string {
    return this.child?.output() ?? "";
  }

  async launch(): Promise<void> {
    const { config } = this;
    const args = [
      "-js",
      "-a",
      "127.0.0.1",
      "-p",
      String(config.port),
      "-m",
      String(config.monitorPort),
      "-sd",
      config.storeDir,
      ...config.extraArgs,
    ];
    const child = new ManagedChild({
      command: config.binary,
      args,
      env: { ...process.env, JS_KEY: config.storeKey },
      orphanDir: config.ownsStore ? config.storeDir : undefined,
    });
    this.child = child;
    try {
      await waitUntilReady(child, config.port, config.readyTimeoutMs);
    } catch (error) {
      await child.terminate("SIGKILL");
      const output = child.output(60);
      const detail = `${error instanceof Error ? error.message : String(error)}\n--- nats-server ${args.join(" ")} ---\n${output}`;
      if (/address already in use/i.test(output)) throw new PortInUseError(detail);
      throw new Error(detail);
    }
  }

  async kill(): Promise<void> {
    await this.child?.terminate("SIGKILL");
  }

  async stop(): Promise<void> {
    await this.child?.terminate("SIGTERM");
    if (this.stopped) return;
    this.stopped = true;
    if (this.config.ownsStore) await rm(this.storeDir, { recursive: true, force: true });
  }

  async restart(): Promise<void> {
    if (this.stopped) throw new Error("NatsProcess.restart: the server was stopped and its store removed");
    await this.child?.terminate("SIGTERM");
    await this.launch();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}

async function waitUntilReady(child: ManagedChild, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let unsubscribe = () => {};
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      if (child.output().includes(READY_LINE)) return resolve();
      unsubscribe = child.onLine((line) => {
        if (line.includes(READY_LINE)) resolve();
      });
      child.exited.then((exit) => {
        reject(
          new Error(`nats-server exited before it was ready (code ${exit.code}, signal ${exit.signal})`),
        );
      });
      timer = setTimeout(
        () => reject(new Error(`nats-server did not log "${READY_LINE}" within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
  } finally {
    unsubscribe();
    clearTimeout(timer);
  }
  // The log line comes after the listener is up; the TCP check makes that an observed fact.
  while (!(await canConnect(port))) {
    if (!child.running) throw new Error("nats-server exited right after it said it was ready");
    if (Date.now() > deadline) throw new Error(`nats-server did not accept connections on port ${port}`);
    await sleep(25);
  }
}
