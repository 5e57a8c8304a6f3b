// When a person may safely be contacted: weekly windows of local wall-clock time in the person's
// own zone. One rule for every service that plans a contact (referrals schedules call-backs in
// it, notifications holds SMS until it), so the two can never disagree about a moment.
//
// - No windows at all means no restriction.
// - A window whose `to` is at or before its `from` runs past midnight: 22:00–02:00 on a Friday
//   is Friday 22:00 to Saturday 02:00. `24:00` is the end of the day.
// - A window of no length (`from` = `to`, which the contract refuses on input) is empty: it
//   never makes a moment safe.
// - Daylight saving, as RFC 5545 reads local times: a time the spring change skips (02:30 on
//   the last Sunday of March in Brussels) is read with the offset before the change (03:30
//   summer time); a time the autumn change repeats is its first occurrence. So a window keeps
//   its wall-clock hours, and on the change days it is an hour shorter or longer.
import type { SafeWindow } from "@relais/contracts";
import { DateTime } from "luxon";

export type { SafeWindow } from "@relais/contracts";

/** One concrete occurrence of a window: [start, end). */
export interface Interval {
  start: Date;
  end: Date;
}

function parse(hhmm: string): { hour: number; minute: number } {
  const [hour, minute] = hhmm.split(":").map(Number);
  return { hour: hour ?? 0, minute: minute ?? 0 };
}

function atLocal(day: DateTime, hhmm: string): DateTime {
  const { hour, minute } = parse(hhmm);
  // luxon refuses hour 24 in `set`; "24:00" is the next midnight.
  if (hour === 24) return day.plus({ days: 1 }).startOf("day");
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

function isEmpty(window: SafeWindow): boolean {
  return window.from === window.to;
}

/**
 * The occurrences of `windows` on the days from the day before `from` (an overnight window of
 * yesterday may still be open) to `days - 1` days after it, sorted by start.
 */
export function windowIntervals(windows: SafeWindow[], zone: string, from: Date, days = 9): Interval[] {
  const origin = DateTime.fromJSDate(from, { zone }).startOf("day").minus({ days: 1 });
  const intervals: Interval[] = [];
  for (let offset = 0; offset < days; offset++) {
    const day = origin.plus({ days: offset });
    for (const window of windows) {
      if (isEmpty(window) || !window.days.includes(day.weekday)) continue;
      // Overnight is read on the wall clock ("HH:MM" strings order like times), never from the
      // instants: on the spring change day 02:00–03:00 has start = end and is not overnight.
      const overnight = window.to < window.from;
      const start = atLocal(day, window.from);
      const end = atLocal(overnight ? day.plus({ days: 1 }) : day, window.to);
      // A window lying wholly inside the hour the spring change skips has no length that day.
      if (end > start) intervals.push({ start: start.toJSDate(), end: end.toJSDate() });
    }
  }
  return intervals.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** True when `at` lies in one of the windows (start inclusive, end exclusive). No windows: always. */
export function isInSafeWindow(windows: SafeWindow[], zone: string, at: Date): boolean {
  if (windows.length === 0) return true;
  const t = at.getTime();
  return windowIntervals(windows, zone, at).some((w) => w.start.getTime() <= t && t < w.end.getTime());
}

/**
 * The first moment at or after `from` inside a window: `from` itself when it is inside one or
 * there are no windows; null when every window is empty, so there is no safe moment at all.
 */
export function nextSafeMoment(windows: SafeWindow[], zone: string, from: Date): Date | null {
  if (windows.length === 0) return from;
  const t = from.getTime();
  for (const w of windowIntervals(windows, zone, from)) {
    if (w.end.getTime() <= t) continue;
    return new Date(Math.max(w.start.getTime(), t));
  }
  // Nine days hold a whole week after `from`, so only empty windows get here.
  return null;
}

/**
 * A deadline moved into the person's windows: kept when it falls inside one (its end counts),
 * otherwise the end of the next window, so the worker has that whole window to reach them.
 * Null when every window is empty.
 */
export function deadlineInSafeWindow(windows: SafeWindow[], zone: string, deadline: Date): Date | null {
  if (windows.length === 0) return deadline;
  const t = deadline.getTime();
  for (const w of windowIntervals(windows, zone, deadline)) {
    if (w.end.getTime() < t) continue;
    if (w.start.getTime() <= t) return deadline;
    return w.end;
  }
  return null;
}
