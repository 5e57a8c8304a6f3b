// Recurrence expansion as the bench's own reference: rrule yields "floating" wall-clock times,
// which luxon places in the series' IANA zone, so 18:00 stays 18:00 across daylight saving.
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

export function expandWithLuxon(series: WeeklySeries): Array<{ startsAt: string; endsAt: string }> {
  const first = DateTime.fromISO(series.firstLocal, { zone: "utc" });
  const rule = new RRule({ freq: RRule.WEEKLY, count: series.weeks, dtstart: first.toJSDate() });
  return rule.all().map((occurrence) => {
    const utcFields = DateTime.fromJSDate(occurrence, { zone: "utc" });
    const local = DateTime.fromObject(
      {
        year: utcFields.year,
        month: utcFields.month,
        day: utcFields.day,
        hour: utcFields.hour,
        minute: utcFields.minute,
      },
      { zone: series.timeZone },
    );
    return { startsAt: local.toISO()!, endsAt: local.plus({ minutes: series.durationMinutes }).toISO()! };
  });
}

/** The library alone: occurrences in UTC, no time zone and no formatting. */
export function expandBare(series: WeeklySeries): Date[] {
  const first = DateTime.fromISO(series.firstLocal, { zone: "utc" });
  return new RRule({ freq: RRule.WEEKLY, count: series.weeks, dtstart: first.toJSDate() }).all();
}
