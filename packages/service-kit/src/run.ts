// Serves an app over HTTP and shuts it down in order on SIGTERM / SIGINT.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { ConfigError } from "./config.js";
import { steerYoungGeneration } from "./heap.js";
import type { Logger } from "./logger.js";

export interface ShutdownStep {
  name: string;
  stop: () => Promise<void> | void;
}

export interface RunServiceOptions {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: any app env or schema will do here
  app: Hono<any, any, any>;
  port: number;
  host: string;
  logger: Logger;
  /** Run in order after HTTP stops accepting: consumers, in-flight work, NATS, database. */
  shutdown: ShutdownStep[];
  timeoutMs?: number;
}

export interface RunningService {
  url: string;
  /** Runs the ordered shutdown without exiting; resolves to the exit code it would use. */
  stop(): Promise<number>;
}

export async function runService(options: RunServiceOptions): Promise<RunningService> {
  const { logger } = options;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const server = serve({ fetch: options.app.fetch, port: options.port, hostname: options.host }, () =>
      resolve(server),
    );
    server.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info({ url, service: options.name }, "listening");
  // Loaded and booted: the young generation may grow with the load from now on, to a cap (heap.ts).
  const stopSteering = steerYoungGeneration();

  let stopping: Promise<number> | undefined;
  const stop = () => {
    stopSteering();
    stopping ??= shutDown(server, options);
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, "shutting down");
    void stop().then((code) => process.exit(code));
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  return { url, stop };
}

async function shutDown(server: ReturnType<typeof serve>, options: RunServiceOptions): Promise<number> {
  const { logger } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const steps = (async () => {
    // close() stops accepting and waits for open connections; keep-alive ones go idle after their
    // in-flight request and would otherwise linger until the client's own timeout.
    const reaper = setInterval(() => closeIdle(server), 50);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearInterval(reaper);
    logger.info("http server closed");
    for (const step of options.shutdown) {
      try {
        await step.stop();
        logger.info({ step: step.name }, "stopped");
      } catch (error) {
        logger.error({ err: error, step: step.name }, "shutdown step failed");
      }
    }
    return "done" as const;
  })();
  const outcome = await Promise.race([steps, timeout]);
  clearTimeout(timer);
  if (outcome === "timeout") {
    logger.error({ timeoutMs }, "shutdown timed out");
    return 1;
  }
  logger.info("shutdown complete");
  return 0;
}

function closeIdle(server: ReturnType<typeof serve>): void {
  if ("closeIdleConnections" in server) server.closeIdleConnections();
}

/** For `main.ts`: `main().catch(startupFailure)`. A bad configuration prints one line, no stack. */
export function startupFailure(error: unknown): never {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
}
