// When a person may safely be called: weekly windows in their own time zone. Wall-clock times are
// resolved by luxon, so windows keep their local hours across daylight-saving changes.
import type { SafeWindow } from "@relais/contracts";
import { DateTime } from "luxon";

export interface Interval {
  start: DateTime;
  end: DateTime;
}

function atLocal(day: DateTime, hhmm: string): DateTime {
  const [hour, minute] = hhmm.split(":").map(Number) as [number, number];
  // "24:00" is the end of the day; luxon wants the next midnight instead.
  if (hour === 24) return day.startOf("day").plus({ days: 1 });
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/** The concrete intervals of `windows` that overlap the days around `from`, sorted by start. */
export function windowIntervals(windows: SafeWindow[], zone: string, from: Date, days = 9): Interval[] {
  const origin = DateTime.fromJSDate(from, { zone }).startOf("day").minus({ days: 1 });
  const intervals: Interval[] = [];
  for (let offset = 0; offset < days; offset++) {
    const day = origin.plus({ days: offset });
    for (const window of windows) {
      if (!window.days.includes(day.weekday)) continue;
      const start = atLocal(day, window.from);
      let end = atLocal(day, window.to);
      // A window like 22:00–02:00 runs past midnight.
      if (end <= start) end = atLocal(day.plus({ days: 1 }), window.to);
      intervals.push({ start, end });
    }
  }
  return intervals.sort((a, b) => a.start.toMillis() - b.start.toMillis());
}

/** True when `at` lies in one of the windows (start inclusive, end exclusive). No windows: always. */
export function isInSafeWindow(windows: SafeWindow[], zone: string, at: Date): boolean {
  if (windows.length === 0) return true;
  const t = at.getTime();
  return windowIntervals(windows, zone, at).some((w) => w.start.toMillis() <= t && t < w.end.toMillis());
}

/** The first moment at or after `from` inside a window; `from` itself when there are no windows. */
export function nextSafeMoment(windows: SafeWindow[], zone: string, from: Date): Date {
  if (windows.length === 0) return from;
  const t = from.getTime();
  for (const w of windowIntervals(windows, zone, from)) {
    if (w.end.toMillis() <= t) continue;
    return new Date(Math.max(w.start.toMillis(), t));
  }
  // Windows are weekly and non-empty, so nine days always hold one; this is for the type checker.
  throw new Error("no safe window within a week");
}

/**
 * A deadline moved into the person's windows: kept when it falls inside one (its end counts),
 * otherwise the end of the next window, so the worker has that whole window to reach them.
 */
export function deadlineInSafeWindow(windows: SafeWindow[], zone: string, deadline: Date): Date {
  if (windows.length === 0) return deadline;
  const t = deadline.getTime();
  for (const w of windowIntervals(windows, zone, deadline)) {
    if (w.end.toMillis() < t) continue;
    if (w.start.toMillis() <= t) return deadline;
    return w.end.toJSDate();
  }
  throw new Error("no safe window within a week");
}
