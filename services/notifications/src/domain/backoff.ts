/** Delay before attempt `attempt + 1` after `attempt` failed: doubling from `baseMs`, capped. */
export function retryDelayMs(attempt: number, baseMs: number, capMs = 6 * 3_600_000): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), capMs);
}
