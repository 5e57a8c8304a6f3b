// A background loop that calls `tick` every interval until stopped; each tick claims its own
// rows by lease, so several instances may run the same loop safely.
import type { BackgroundTask, Logger } from "@relais/service-kit";

export interface LeaseLoop extends BackgroundTask {
  /** One pass now (tests call this with a ManualClock instead of waiting for the timer). */
  tick(): Promise<number>;
}

export function createLeaseLoop(options: {
  name: string;
  intervalMs: number;
  logger: Logger;
  tick: () => Promise<number>;
}): LeaseLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = options
        .tick()
        .catch((error) => options.logger.error({ err: error, loop: options.name }, "background pass failed"))
        .finally(schedule);
    }, options.intervalMs);
    timer.unref();
  };
  return {
    name: options.name,
    tick: options.tick,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
