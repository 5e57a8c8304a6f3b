// When a person may be contacted: their safe windows are weekly, in their own time zone. An empty
// list means no restriction.
import type { SafeWindow } from "@relais/contracts";
import { DateTime } from "luxon";

function minutesOf(hhmm: string): { hour: number; minute: number } {
  const [hour, minute] = hhmm.split(":").map(Number);
  return { hour: hour ?? 0, minute: minute ?? 0 };
}

/** Each window occurrence that touches the eight days from `now`, as [start, end) instants. */
function occurrences(windows: SafeWindow[], timeZone: string, now: Date): Array<[DateTime, DateTime]> {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf("day");
  const result: Array<[DateTime, DateTime]> = [];
  for (let offset = -1; offset <= 8; offset++) {
    const day = today.plus({ days: offset });
    for (const window of windows) {
      if (!window.days.includes(day.weekday)) continue;
      const start = day.set({ ...minutesOf(window.from), second: 0, millisecond: 0 });
      // "24:00" ends the window at the next midnight; luxon would reject hour 24 in `set`.
      const end =
        window.to === "24:00"
          ? day.plus({ days: 1 })
          : day.set({ ...minutesOf(window.to), second: 0, millisecond: 0 });
      if (end > start) result.push([start, end]);
    }
  }
  return result;
}

export function isInSafeWindow(windows: SafeWindow[], timeZone: string, at: Date): boolean {
  if (windows.length === 0) return true;
  const instant = DateTime.fromJSDate(at);
  return occurrences(windows, timeZone, at).some(([start, end]) => start <= instant && instant < end);
}

/** `now` when inside a window (or there are none), else the start of the next window; null if none within a week. */
export function nextSafeMoment(windows: SafeWindow[], timeZone: string, now: Date): Date | null {
  if (isInSafeWindow(windows, timeZone, now)) return now;
  const instant = DateTime.fromJSDate(now);
  const starts = occurrences(windows, timeZone, now)
    .map(([start]) => start)
    .filter((start) => start > instant)
    .sort((a, b) => a.toMillis() - b.toMillis());
  return starts[0]?.toJSDate() ?? null;
}
