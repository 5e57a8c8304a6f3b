// The background task bootService runs: reminders become messages, messages go out. It polls,
// and goes again at once while there is a full batch of work.
import type { BackgroundTask, Logger } from "@relais/service-kit";
import type { Dispatcher } from "../delivery/dispatcher.js";
import type { ReminderScheduler } from "./materialise.js";

export function createDeliveryLoop(options: {
  reminders: ReminderScheduler;
  dispatcher: Dispatcher;
  intervalMs: number;
  batch: number;
  logger: Logger;
}): BackgroundTask & { runOnce(): Promise<void> } {
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function runOnce(): Promise<boolean> {
    const due = await options.reminders.tick();
    const sent = await options.dispatcher.tick();
    return due >= options.batch || sent >= options.batch;
  }

  async function run() {
    while (running) {
      let busy = false;
      try {
        busy = await runOnce();
      } catch (error) {
        options.logger.error({ err: error }, "delivery loop failed; retrying");
      }
      if (busy || !running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  return {
    name: "delivery scheduler",
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
    async runOnce() {
      await runOnce();
    },
  };
}
