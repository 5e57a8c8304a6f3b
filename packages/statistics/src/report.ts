// The one shape every service's `GET /v1/statistics` answers with, and the helpers that turn a
// service's units (a referral, a task, a placement, a message) into protected figures.
import { DEFAULT_TIME_ZONE, namedPattern, refusal, TimeZone } from "@relais/contracts";
import { z } from "zod";
import { durationFigures } from "./durations.js";
import { monthsBetween } from "./periods.js";
import { type CountTable, protectFamily, type Refinement } from "./suppress.js";

export const Breakdown = z.enum(["month", "zone", "municipality", "riskLevel"]);
export type Breakdown = z.infer<typeof Breakdown>;

const Month = z
  .string()
  .regex(namedPattern(/^\d{4}-(0[1-9]|1[0-2])$/, "invalid_month"), "expected a month as YYYY-MM");

/** Query of a statistics route; each service names the breakdowns it knows. */
export function statisticsQuery<const B extends readonly [Breakdown, ...Breakdown[]]>(breakdowns: B) {
  return z
    .object({
      from: Month,
      to: Month,
      by: z.enum(breakdowns).default(breakdowns[0]),
    })
    .refine((q) => q.from <= q.to, refusal("end_before_start", "must not be before `from`", ["to"]))
    .refine((q) => monthsBetween(q.from, q.to).length <= 36, {
      path: ["to"],
      message: "at most 36 months",
      params: { code: "too_many_months", maximum: 36 },
    });
}

/** The settings a service counts with when its environment says nothing else. */
export const DEFAULT_STATISTICS: StatisticsSettings = { timeZone: DEFAULT_TIME_ZONE, threshold: 5 };

/** The environment every service reads for its statistics (spread into its env schema). */
export const StatisticsEnv = {
  /** The organisation's zone: months start and end at local midnight there. */
  STATISTICS_TIME_ZONE: TimeZone.default(DEFAULT_STATISTICS.timeZone),
  /** Counts below this (and above zero) are suppressed, with their complements. */
  STATISTICS_MIN_COUNT: z.coerce.number().int().min(2).max(100).default(DEFAULT_STATISTICS.threshold),
};

export interface StatisticsSettings {
  timeZone: string;
  threshold: number;
}

/** What a statistics read verb is given: the validated query and the settings it counts with. */
export interface StatisticsInput<B extends Breakdown> {
  query: { from: string; to: string; by: B };
  settings: StatisticsSettings;
  /** The query's months as instants in the settings' zone (`periodBounds`): the facts to read. */
  period: { start: string; end: string };
}

const Cell = z.number().int().nonnegative().nullable();
const RowsBy = z.enum(["month", "zone", "municipality", "riskLevel", "groupKind"]);

export const CountTableOut = z.object({
  id: z.string(),
  rowsBy: RowsBy,
  categories: z.array(z.string()),
  rows: z.array(z.object({ key: z.string(), cells: z.array(Cell), total: Cell })),
  totals: z.array(Cell),
  total: Cell,
});
export const DurationTableOut = z.object({
  id: z.string(),
  rowsBy: RowsBy,
  unit: z.literal("hours"),
  rows: z.array(z.object({ key: z.string(), median: z.number().nullable(), p90: z.number().nullable() })),
  total: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
});
export const RateTableOut = z.object({
  id: z.string(),
  rowsBy: RowsBy,
  rows: z.array(z.object({ key: z.string(), rate: z.number().nullable() })),
  total: z.number().nullable(),
});
export const StatisticsReport = z.object({
  from: z.string(),
  to: z.string(),
  by: Breakdown,
  timeZone: z.string(),
  /** Figures of 1 to threshold − 1 are `null`, as are the complements that would give them away. */
  threshold: z.number().int(),
  tables: z.array(CountTableOut),
  durations: z.array(DurationTableOut),
  rates: z.array(RateTableOut),
});
export type StatisticsReport = z.infer<typeof StatisticsReport>;
export type CountTableOut = z.infer<typeof CountTableOut>;
export type DurationTableOut = z.infer<typeof DurationTableOut>;
export type RateTableOut = z.infer<typeof RateTableOut>;
export type RowsBy = z.infer<typeof RowsBy>;

/** The rows of a breakdown: every month of the period, or the keys that occur, sorted. */
export function rowKeys(
  rowsBy: RowsBy,
  keys: Iterable<string>,
  period?: { from: string; to: string },
): string[] {
  if (rowsBy === "month" && period) return monthsBetween(period.from, period.to);
  return [...new Set(keys)].sort((a, b) => a.localeCompare(b, "fr"));
}

/**
 * Counts units into one family of tables and protects it. Each unit names its row and, for each
 * table, its category; every table thus partitions the same units.
 */
export function countFamily(
  rowsBy: RowsBy,
  rows: readonly string[],
  tables: readonly { id: string; categories: readonly string[]; refines?: Refinement }[],
  units: readonly { row: string; in: Readonly<Record<string, string>> }[],
  threshold: number,
): CountTableOut[] {
  const rowOf = new Map(rows.map((key, i) => [key, i]));
  const counted: CountTable[] = tables.map((table) => ({
    id: table.id,
    categories: table.categories,
    cells: rows.map(() => table.categories.map(() => 0)),
    ...(table.refines ? { refines: table.refines } : {}),
  }));
  for (const unit of units) {
    const r = rowOf.get(unit.row);
    if (r === undefined) continue;
    tables.forEach((table, t) => {
      const c = table.categories.indexOf(unit.in[table.id] as string);
      if (c < 0) throw new RangeError(`unit has no category of ${table.id}: ${unit.in[table.id]}`);
      ((counted[t] as CountTable).cells[r] as number[])[c] =
        (((counted[t] as CountTable).cells[r] as number[])[c] as number) + 1;
    });
  }
  return protectFamily({ rows, tables: counted }, threshold).map((table) => ({ ...table, rowsBy }));
}

/** Median and 90th percentile per row and overall, each over at least `threshold` people. */
export function durationTable(
  id: string,
  rowsBy: RowsBy,
  rows: readonly string[],
  items: readonly { row: string; hours: number }[],
  threshold: number,
): DurationTableOut {
  return {
    id,
    rowsBy,
    unit: "hours",
    rows: rows.map((key) => ({
      key,
      ...durationFigures(
        items.filter((item) => item.row === key).map((item) => item.hours),
        threshold,
      ),
    })),
    total: durationFigures(
      items.filter((item) => rows.includes(item.row)).map((item) => item.hours),
      threshold,
    ),
  };
}

export function statisticsSettingsFromEnv(env: {
  STATISTICS_TIME_ZONE: string;
  STATISTICS_MIN_COUNT: number;
}): StatisticsSettings {
  return { timeZone: env.STATISTICS_TIME_ZONE, threshold: env.STATISTICS_MIN_COUNT };
}
