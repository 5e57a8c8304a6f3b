// The shape every bench reports in: each figure carries its baseline from the same run, or the
// reason it could not be measured — never a number that was not observed.

export interface Baseline {
  label: string;
  value: number;
}

export interface Figure {
  /** Stable key in the JSON, e.g. `intake.requestsPerSecond`. */
  key: string;
  label: string;
  unit: string;
  value: number | null;
  baseline?: Baseline;
  /** value ÷ baseline, when both were measured. */
  ratio?: number;
  /** The goal in words, e.g. "≥ 0.5". */
  goal?: string;
  met?: boolean;
  /** Set instead of `value` when the figure could not be measured: says why. Fails the run. */
  notMeasured?: string;
  /** Set instead of `value` when the run chose not to measure it (`--quick`). */
  skipped?: string;
  note?: string;
}

export interface BenchResult {
  name: string;
  figures: Figure[];
  /** Anything else worth keeping: raw autocannon numbers, counts, approach used. */
  details?: Record<string, unknown>;
}

export interface BenchContext {
  quick: boolean;
  /** The monorepo root. */
  root: string;
  /** `--profile`: CPU profiles of the service under intake load are written here and summarised. */
  profileDir?: string;
  log(message: string): void;
}

export interface Bench {
  name: string;
  run(context: BenchContext): Promise<BenchResult>;
}

export function measured(
  figure: Omit<Figure, "value" | "ratio" | "notMeasured"> & { value: number },
): Figure {
  // NaN (a /proc read that failed, a percentile of no samples) is not a figure: say so, and fail.
  if (!Number.isFinite(figure.value)) {
    return notMeasured(figure.key, figure.label, figure.unit, "no sample was observed", figure.goal);
  }
  const ratio =
    figure.baseline && figure.baseline.value > 0 ? round(figure.value / figure.baseline.value, 3) : undefined;
  return { ...figure, value: round(figure.value, 3), ...(ratio === undefined ? {} : { ratio }) };
}

export function notMeasured(key: string, label: string, unit: string, reason: string, goal?: string): Figure {
  return { key, label, unit, value: null, notMeasured: reason, ...(goal ? { goal } : {}) };
}

/** A figure `--quick` leaves out on purpose: reported as skipped, never as a failure. */
export function skippedInQuick(key: string, label: string, unit: string): Figure {
  return { key, label, unit, value: null, skipped: "skipped in --quick" };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Nearest-rank percentile of samples (ms), for latencies the bench measures itself. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
