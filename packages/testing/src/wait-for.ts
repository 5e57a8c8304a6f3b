export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Says what was awaited; the timeout error starts with it. */
  message?: string;
}

/**
 * Polls `predicate` until it returns true. A predicate that throws counts as "not yet"; its last
 * error is quoted in the timeout error so a failing test says why it was still waiting.
 */
export async function waitFor(
  predicate: () => Promise<boolean> | boolean,
  options: WaitForOptions = {},
): Promise<void> {
  const { timeoutMs = 10_000, intervalMs = 50, message = "condition" } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await predicate()) return;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
  const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
  throw new Error(`waitFor: timed out after ${timeoutMs} ms waiting for ${message}${cause}`, {
    cause: lastError,
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
