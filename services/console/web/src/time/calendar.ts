// Calendar arithmetic on local dates (`YYYY-MM-DD`): days, weeks from Monday, month grids. Date.UTC
// serves as a plain calendar here; instants come from zonedToIso, never from adding offsets.
import { nowInZone, zonedToIso } from "./zoned";

const asDate = (ymd: string) => {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};
const ymdOf = (date: Date) => date.toISOString().slice(0, 10);

export const isLocalDate = (value: unknown): value is string =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(asDate(value).getTime());

export function addDays(ymd: string, days: number): string {
  const date = asDate(ymd);
  date.setUTCDate(date.getUTCDate() + days);
  return ymdOf(date);
}

export function addMonths(ymd: string, months: number): string {
  const date = asDate(ymd);
  return ymdOf(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)));
}

/** The Monday on or before the date. */
export function weekStart(ymd: string): string {
  return addDays(ymd, -((asDate(ymd).getUTCDay() + 6) % 7));
}

export const monthStart = (ymd: string) => `${ymd.slice(0, 7)}-01`;

export const todayIn = (timeZone: string) => nowInZone(timeZone).slice(0, 10);

/** The days shown and the instants bounding them, in `timeZone`. */
export function calendarRange(view: "week" | "month", anchor: string, timeZone: string) {
  const first = view === "week" ? weekStart(anchor) : weekStart(monthStart(anchor));
  const count = view === "week" ? 7 : 42;
  const days = Array.from({ length: count }, (_, i) => addDays(first, i));
  return {
    days,
    from: zonedToIso(`${first}T00:00`, timeZone)!,
    to: zonedToIso(`${addDays(first, count)}T00:00`, timeZone)!,
  };
}

/** A local date as a Date at noon UTC, for Intl to print its weekday and day (with timeZone UTC). */
export const dayForDisplay = (ymd: string) => new Date(`${ymd}T12:00:00Z`);
