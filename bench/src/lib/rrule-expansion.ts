// The baseline of the recurrence bench: rrule's own weekly expansion, in UTC, with no zone.
import { DateTime } from "luxon";
import rrulePackage from "rrule";

const { RRule } = rrulePackage;

export interface WeeklySeries {
  /** Local start, e.g. "2026-01-05T18:00". */
  firstLocal: string;
  timeZone: string;
  weeks: number;
  durationMinutes: number;
}

/** The library alone: occurrences in UTC, no time zone and no formatting. */
export function expandBare(series: WeeklySeries): Date[] {
  const first = DateTime.fromISO(series.firstLocal, { zone: "utc" });
  return new RRule({ freq: RRule.WEEKLY, count: series.weeks, dtstart: first.toJSDate() }).all();
}
