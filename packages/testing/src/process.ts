// Runs a service as a real process (its main.ts), for tests of start-up, shutdown and restarts.
import { type ChildExit, ManagedChild } from "./child-process.js";
import { sleep } from "./wait-for.js";

export interface SpawnServiceOptions {
  /** Used in error messages. */
  name: string;
  /** Executable and arguments, e.g. `["node", "--import", "tsx", "src/main.ts"]`. */
  command: string[];
  cwd?: string;
  /** Added to the test process's environment. */
  env?: Record<string, string | undefined>;
  /** Polled until it answers 200, e.g. `http://127.0.0.1:3001/health/ready`. */
  readyUrl: string;
  timeoutMs?: number;
  /** Output lines kept for error messages. */
  keepLines?: number;
}

export interface ServiceProcess {
  readonly name: string;
  readonly pid: number | undefined;
  isRunning(): boolean;
  /** The last captured lines of stdout and stderr. */
  output(lines?: number): string;
  /** Resolves when the current process exits. */
  exited(): Promise<ChildExit>;
  /** Sends `signal` (default SIGKILL) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<ChildExit>;
  /** SIGTERM, waits up to `graceMs` for a clean exit, then SIGKILL. */
  stop(graceMs?: number): Promise<ChildExit>;
  /** Stops the process if it runs, starts it again with the same options, waits until ready. */
  restart(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function spawnService(options: SpawnServiceOptions): Promise<ServiceProcess> {
  const [command, ...args] = options.command;
  if (!command) throw new Error(`spawnService(${options.name}): command is empty`);
  // A bound on a hang, not a timing: starting through tsx on a loaded 2-core machine takes seconds.
  const timeoutMs = options.timeoutMs ?? 60_000;
  let child: ManagedChild;

  const launch = async () => {
    child = new ManagedChild({
      command,
      args,
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      keepLines: options.keepLines ?? 100,
    });
    try {
      await waitUntilServing(child, options.readyUrl, timeoutMs);
    } catch (error) {
      await child.terminate("SIGKILL");
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `spawnService(${options.name}): ${reason}\n--- ${options.command.join(" ")} ---\n${child.output()}`,
      );
    }
  };
  await launch();

  const stop = (graceMs = 10_000) => child.terminate("SIGTERM", graceMs);
  return {
    name: options.name,
    get pid() {
      return child.pid;
    },
    isRunning: () => child.running,
    output: (lines) => child.output(lines),
    exited: () => child.exited,
    kill: (signal = "SIGKILL") => child.terminate(signal),
    stop,
    async restart() {
      await stop();
      await launch();
    },
    async [Symbol.asyncDispose]() {
      await stop();
    },
  };
}

async function waitUntilServing(child: ManagedChild, readyUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (!child.running) {
      const exit = child.exitStatus;
      throw new Error(`exited before it was ready (code ${exit?.code}, signal ${exit?.signal})`);
    }
    try {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(`${readyUrl} did not answer 200 within ${timeoutMs} ms (last: ${last})`);
}
