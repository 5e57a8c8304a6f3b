// The background task bootService runs: two pumps side by side, one turning due reminders into
// messages, one sending due messages, so a fan-out of reminders is being materialised while the
// first of them are already on the wire. Each pump works while there is work, then sleeps until
// the next row falls due (capped by the interval, which also bounds how late a reminder planned
// meanwhile for an earlier time is seen). Any commit wakes the dispatcher: a consumer that queued
// an invite gets it sent at once, not at the next tick. It reads before it writes, so its own
// commits never wake it into a spin.
import type { Database } from "@relais/db";
import type { BackgroundTask, Clock, Logger } from "@relais/service-kit";
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

  const reminders = createPump({
    name: "reminders",
    work: () => options.reminders.tick(),
    nextDue: () => options.reminders.nextDue(),
    // New messages are for the dispatcher: wake it rather than wait for a commit to reach it.
    afterWork: () => dispatcher.wake(),
  });
  const dispatcher = createPump({
    name: "dispatcher",
    work: () => options.dispatcher.tick(() => running),
    nextDue: () => options.dispatcher.nextDue(),
  });

  function createPump(pump: {
    name: string;
    work: () => Promise<number>;
    nextDue: () => Promise<Date | null>;
    afterWork?: () => void;
  }) {
    // Set by a wake that arrives while the pump is working, so the pump goes round again.
    let woken = false;
    let resolveSleep: (() => void) | undefined;
    let done: Promise<void> | undefined;

    async function sleep(): Promise<void> {
      let delay = options.intervalMs;
      try {
        const next = await pump.nextDue();
        if (next) delay = Math.min(delay, Math.max(0, next.getTime() - options.clock.now().getTime()));
      } catch (error) {
        options.logger.warn({ err: error, pump: pump.name }, "could not read the next due time");
      }
      if (woken || !running || delay === 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        resolveSleep = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      resolveSleep = undefined;
    }

    async function run(): Promise<void> {
      while (running) {
        woken = false;
        try {
          const handled = await pump.work();
          if (handled > 0) {
            pump.afterWork?.();
            // Statements resolve as microtasks: without this, a pump with work to spare would
            // hold the event loop, and the other pump's SMTP replies, until its work ran out.
            await new Promise((resolve) => setImmediate(resolve));
            continue;
          }
        } catch (error) {
          options.logger.error({ err: error, pump: pump.name }, "delivery loop failed; retrying");
          await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
          continue;
        }
        await sleep();
      }
    }

    return {
      start() {
        done = run();
      },
      wake() {
        woken = true;
        resolveSleep?.();
      },
      stopped: () => done ?? Promise.resolve(),
    };
  }

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
      reminders.wake();
      dispatcher.wake();
      await Promise.all([reminders.stopped(), dispatcher.stopped()]);
    },
    /** Every due reminder becomes a message, then every due message goes out (tests drive this). */
    async runOnce() {
      while ((await options.reminders.tick()) > 0);
      await options.dispatcher.tick();
    },
  };
}
