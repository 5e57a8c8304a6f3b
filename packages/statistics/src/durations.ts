// Durations (time to first contact, to a first session) are published as median and 90th
// percentile, and only over at least `threshold` people: a median of three is one person's time.

export interface DurationFigures {
  /** Hours, one decimal; `null` when fewer than the threshold contributed. */
  median: number | null;
  p90: number | null;
}

export function durationFigures(hours: readonly number[], threshold: number): DurationFigures {
  if (hours.length === 0 || hours.length < threshold) return { median: null, p90: null };
  const sorted = [...hours].sort((a, b) => a - b);
  return { median: round(quantile(sorted, 0.5)), p90: round(quantile(sorted, 0.9)) };
}

/** Nearest-rank quantile: always a value somebody had, never an interpolation between two. */
export function quantile(sorted: readonly number[], q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] as number;
}

/** A rate (0..1, three decimals) over at least `threshold` people, else `null`. */
export function rateOver(
  numerator: number,
  denominator: number,
  people: number,
  threshold: number,
): number | null {
  if (denominator === 0 || people < threshold) return null;
  return Math.round((numerator / denominator) * 1000) / 1000;
}

function round(hours: number): number {
  return Math.round(hours * 10) / 10;
}
