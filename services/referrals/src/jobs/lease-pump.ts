// How referrals' lease loops (scheduler, webhook sender, retention) pump: each pass claims its
// own rows by lease, so several instances may run the same loop safely; a failed pass is logged
// and retried sooner than the interval, never later.
import type { Logger, PumpOptions } from "@relais/service-kit";

export function leasePumpTiming(
  intervalMs: number,
  logger: Logger,
): Pick<PumpOptions, "intervalMs" | "backoff" | "onError"> {
  return {
    intervalMs,
    backoff: { baseMs: Math.min(1_000, intervalMs), capMs: intervalMs },
    onError: (error, retryInMs) => logger.error({ err: error, retryInMs }, "background pass failed"),
  };
}
