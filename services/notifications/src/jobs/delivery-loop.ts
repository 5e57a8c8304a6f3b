// The background task bootService runs: two pumps (the kit's createPump) side by side, one turning
// due reminders into messages, one sending due messages, so a fan-out of reminders is being
// materialised while the first of them are already on the wire. Each pump works while there is
// work, then sleeps until the next row falls due (capped by the interval, which also bounds how
// late a reminder planned meanwhile for an earlier time is seen). Any commit wakes the dispatcher:
// a consumer that queued an invite gets it sent at once, not at the next tick. It reads before it
// writes, so its own commits never wake it into a spin.
import type { Database } from "@relais/db";
import { type BackgroundTask, type Clock, createPump, type Logger } from "@relais/service-kit";
import type { Dispatcher } from "./dispatcher.js";
import type { ReminderScheduler } from "./reminder-scheduler.js";

export function createDeliveryLoop(options: {
  reminders: ReminderScheduler;
  dispatcher: Dispatcher;
  /** The pumps wake on its commits; absent, they only wake on their timers. */
  database?: Pick<Database, "onCommit">;
  clock: Clock;
  intervalMs: number;
  logger: Logger;
}): BackgroundTask & { runOnce(): Promise<void> } {
  let running = false;
  let unsubscribe: (() => void) | undefined;
  const common = {
    intervalMs: options.intervalMs,
    now: () => options.clock.now().getTime(),
  };
  const onError = (pump: string) => (error: unknown, retryInMs: number) =>
    options.logger.error({ err: error, pump, retryInMs }, "delivery loop failed; retrying");

  const dispatcher = createPump({
    ...common,
    name: "dispatcher",
    // On stop, it finishes what it has claimed and claims no more.
    work: () => options.dispatcher.tick(() => running),
    nextDue: () => options.dispatcher.nextDue(),
    onError: onError("dispatcher"),
  });
  const reminders = createPump({
    ...common,
    name: "reminders",
    work: () => options.reminders.tick(),
    nextDue: () => options.reminders.nextDue(),
    // New messages are for the dispatcher: wake it rather than wait for a commit to reach it.
    afterWork: () => dispatcher.wake(),
    onError: onError("reminders"),
  });

  return {
    name: "delivery scheduler",
    start() {
      if (running) return;
      running = true;
      // Reminders fall due by time passing, not by commits: only the dispatcher wakes on them.
      unsubscribe = options.database?.onCommit(() => dispatcher.wake());
      reminders.start();
      dispatcher.start();
    },
    async stop() {
      running = false;
      unsubscribe?.();
      await Promise.all([reminders.stop(), dispatcher.stop()]);
    },
    /** Every due reminder becomes a message, then every due message goes out (tests drive this). */
    async runOnce() {
      while ((await options.reminders.tick()) > 0);
      await options.dispatcher.tick();
    },
  };
}
