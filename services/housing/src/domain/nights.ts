// Stays are counted in nights: local dates in the service's zone, a stay `[startDate, endDate)`
// occupying the night of each date from the first to the one before it ends. Date arithmetic is
// luxon's on calendar dates, so a night across a DST change is one night, never 23 or 25 hours.
import { DateTime } from "luxon";

/** Today's date in `zone`, `YYYY-MM-DD`. */
export function localToday(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toISODate() as string;
}

export function addNights(date: string, nights: number): string {
  return DateTime.fromISO(date, { zone: "UTC" }).plus({ days: nights }).toISODate() as string;
}

export function nightsBetween(from: string, to: string): number {
  return Math.round(
    DateTime.fromISO(to, { zone: "UTC" }).diff(DateTime.fromISO(from, { zone: "UTC" }), "days").days,
  );
}

/** Whether `[a0, a1)` and `[b0, b1)` share a night. ISO dates compare as text. */
export function overlaps(a0: string, a1: string, b0: string, b1: string): boolean {
  return a0 < b1 && b0 < a1;
}

/** Every night (its date) of `[from, to)`. */
export function nightsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d < to; d = addNights(d, 1)) out.push(d);
  return out;
}

/** The later of two dates (ISO dates compare as text). */
export function laterDate(a: string, b: string): string {
  return a.localeCompare(b) >= 0 ? a : b;
}
