// Runs a child process for a test: keeps its recent output for error messages and makes sure it
// dies with the test process, even when that process is killed without running its exit hooks.
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";

const live = new Map<ChildProcess, string | undefined>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const [child, orphanDir] of live) {
      child.kill("SIGKILL");
      if (orphanDir) {
        try {
          rmSync(orphanDir, { recursive: true, force: true });
        } catch {
          // Best effort: the killed child may still hold files open for a moment.
        }
      }
    }
  });
}

/**
 * `process.on("exit")` does not run when the test runner kills its worker with a signal, so a tiny
 * shell loop watches both pids and SIGKILLs the child once the parent is gone. It exits on its own
 * within a second of the child's normal exit.
 */
function startWatchdog(childPid: number, orphanDir: string | undefined): void {
  const script =
    'while kill -0 "$0" 2>/dev/null && kill -0 "$1" 2>/dev/null; do sleep 1; done; ' +
    'if ! kill -0 "$0" 2>/dev/null; then kill -9 "$1" 2>/dev/null; sleep 0.2; [ -n "$2" ] && rm -rf "$2"; fi';
  const args = ["-c", script, String(process.pid), String(childPid), orphanDir ?? ""];
  const watchdog = spawn("/bin/sh", args, {
    detached: true,
    stdio: "ignore",
  });
  watchdog.on("error", () => {});
  watchdog.unref();
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedChildOptions {
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How many recent output lines to keep for error messages. */
  keepLines?: number;
  /** A temp dir to remove if the test process dies without stopping the child. */
  orphanDir?: string;
}

export class ManagedChild {
  readonly process: ChildProcess;
  readonly exited: Promise<ChildExit>;
  private readonly lines: string[] = [];
  private readonly listeners = new Set<(line: string) => void>();
  private readonly keepLines: number;
  private exit: ChildExit | undefined;

  constructor(options: ManagedChildOptions) {
    this.keepLines = options.keepLines ?? 200;
    installExitHook();
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.process = child;
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        live.delete(child);
        this.exit = { code, signal };
        resolve(this.exit);
      });
      // Spawn failures (ENOENT, EACCES) emit "error" and never "exit".
      child.once("error", (error) => {
        live.delete(child);
        this.record(`[spawn error] ${error.message}`);
        this.exit ??= { code: null, signal: null };
        resolve(this.exit);
      });
    });
    live.set(child, options.orphanDir);
    if (child.pid !== undefined) startWatchdog(child.pid, options.orphanDir);
    this.capture(child.stdout);
    this.capture(child.stderr);
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  get exitStatus(): ChildExit | undefined {
    return this.exit;
  }

  /** The last captured lines of stdout and stderr, interleaved in arrival order. */
  output(lines = this.keepLines): string {
    return this.lines.slice(-lines).join("\n");
  }

  onLine(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends `signal` and resolves once the process has exited; SIGKILLs it after `graceMs`. */
  async terminate(signal: NodeJS.Signals, graceMs = 10_000): Promise<ChildExit> {
    if (this.exit) return this.exit;
    this.process.kill(signal);
    if (signal === "SIGKILL") return this.exited;
    let timer: NodeJS.Timeout | undefined;
    const escalate = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    const result = await Promise.race([this.exited, escalate.then(() => undefined)]);
    clearTimeout(timer);
    if (result) return result;
    this.process.kill("SIGKILL");
    return this.exited;
  }

  private capture(stream: NodeJS.ReadableStream | null): void {
    if (!stream) return;
    let partial = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const parts = (partial + chunk).split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) this.record(line);
    });
    stream.on("end", () => {
      if (partial) this.record(partial);
      partial = "";
    });
  }

  private record(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.keepLines) this.lines.shift();
    for (const listener of this.listeners) listener(line);
  }
}
