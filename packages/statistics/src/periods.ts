// Reporting periods are calendar months in the organisation's IANA zone: March in Brussels
// starts at 1 March 00:00 local time (23:00 UTC on 28 February), not at midnight UTC.
import { DateTime } from "luxon";

/** `YYYY-MM` of an instant, read in `zone`. */
export function monthOf(instant: string | Date, zone: string): string {
  const at =
    typeof instant === "string" ? DateTime.fromISO(instant, { zone: "utc" }) : DateTime.fromJSDate(instant);
  return at.setZone(zone).toFormat("yyyy-MM");
}

/** Every month from `from` to `to` (`YYYY-MM`, both included), in order. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let at = DateTime.fromFormat(from, "yyyy-MM", { zone: "utc" });
  const end = DateTime.fromFormat(to, "yyyy-MM", { zone: "utc" });
  while (at <= end) {
    months.push(at.toFormat("yyyy-MM"));
    at = at.plus({ months: 1 });
  }
  return months;
}

/** The instants [start, end) of the months `from`..`to` in `zone`, as UTC ISO strings (they sort as text). */
export function periodBounds(from: string, to: string, zone: string): { start: string; end: string } {
  const start = DateTime.fromFormat(from, "yyyy-MM", { zone }).startOf("month");
  const end = DateTime.fromFormat(to, "yyyy-MM", { zone }).startOf("month").plus({ months: 1 });
  return { start: start.toUTC().toISO() as string, end: end.toUTC().toISO() as string };
}

/** The calendar dates [first, afterLast) of the months `from`..`to` (`YYYY-MM`): for facts kept as local dates. */
export function periodDates(from: string, to: string): { first: string; afterLast: string } {
  const first = DateTime.fromFormat(from, "yyyy-MM", { zone: "utc" });
  const afterLast = DateTime.fromFormat(to, "yyyy-MM", { zone: "utc" }).plus({ months: 1 });
  return { first: first.toISODate() as string, afterLast: afterLast.toISODate() as string };
}
