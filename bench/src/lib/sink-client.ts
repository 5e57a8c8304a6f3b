// Drives the SMTP sink process (processes/smtp-sink.ts) over IPC.
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import type { SinkRequest, SinkStats } from "../processes/smtp-sink.js";

export interface SinkProcess {
  port: number;
  pid: number;
  stats(): Promise<SinkStats>;
  clear(): Promise<void>;
  /** Every message since the last clear: recipients and wall-clock arrival (Date.now() ms). */
  arrivals(): Promise<Array<[to: string, at: number]>>;
  /** Resolves once `count` messages arrived, or with what arrived by `timeoutMs`. */
  waitFor(count: number, timeoutMs: number): Promise<SinkStats>;
  close(): Promise<void>;
}

export async function startSinkProcess(root: string): Promise<SinkProcess> {
  const child = fork(join(root, "bench/src/processes/smtp-sink.ts"), [], {
    execArgv: ["--import", "tsx"],
    cwd: root,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message: { type: string; port: number }) => resolve(message.port));
    child.once("exit", (code) => reject(new Error(`SMTP sink process exited (${code})`)));
  });
  const ask = <T>(request: SinkRequest, answer: string) =>
    new Promise<T>((resolve) => {
      const listener = (message: { type: string } & T) => {
        if (message.type !== answer) return;
        child.off("message", listener);
        resolve(message);
      };
      child.on("message", listener);
      child.send(request);
    });
  const stats = async () => (await ask<{ stats: SinkStats }>({ type: "stats" }, "stats")).stats;
  return {
    port,
    pid: child.pid!,
    stats,
    async arrivals() {
      return (await ask<{ arrivals: Array<[string, number]> }>({ type: "arrivals" }, "arrivals")).arrivals;
    },
    async clear() {
      await ask({ type: "clear" }, "cleared");
    },
    async waitFor(count, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = await stats();
        if (current.count >= count || Date.now() > deadline) return current;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => closeChild(child),
  };
}

function closeChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.send({ type: "close" } satisfies SinkRequest);
  });
}
