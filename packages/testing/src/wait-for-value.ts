import { sleep, type WaitForOptions } from "./wait-for.js";

/**
 * Polls `probe` until it returns something other than undefined, and returns it: waitFor for
 * "the task that falls due", "the mail that arrives". Errors from the probe are not swallowed:
 * a probe that throws means the thing looked at is broken, not late.
 */
export async function waitForValue<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  options: WaitForOptions = {},
): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 250, message = "a value" } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() >= deadline) throw new Error(`${message}: not seen within ${timeoutMs} ms`);
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}
