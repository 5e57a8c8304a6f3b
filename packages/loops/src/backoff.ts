// The one backoff formula: doubling from a base, capped. Retries of a failed pass, a failed
// consumer loop, a failed message send and a failed start-up step all wait by it.

export interface Backoff {
  /** Delay before the first retry. */
  baseMs: number;
  /** Longest delay. */
  capMs: number;
}

/** Delay before retry `attempt` (1-based): `baseMs`, twice that, four times…, never above `capMs`. */
export function backoffDelay(attempt: number, { baseMs, capMs }: Backoff): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), capMs);
}
