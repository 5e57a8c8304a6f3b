// Opening hours in words: "Mon–Fri 08:30–12:00". The windows are local times of the entry's own
// zone, shown as written; whether the entry is open now comes from the service (safe-windows rule).
import type { Partner } from "../../api/directory";

type Window = Partner["openingHours"]["windows"][number];

/** Runs of consecutive days: [1,2,3,4,5] → [[1,5]], [2,4] → [[2,2],[4,4]]. */
export function dayRuns(days: readonly number[]): [number, number][] {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const day of sorted) {
    const last = runs[runs.length - 1];
    if (last && day === last[1] + 1) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

export function windowText(window: Window, dayName: (day: number) => string): string {
  const days = dayRuns(window.days)
    .map(([a, b]) =>
      a === b ? dayName(a) : b === a + 1 ? `${dayName(a)}, ${dayName(b)}` : `${dayName(a)}–${dayName(b)}`,
    )
    .join(", ");
  return `${days} ${window.from}–${window.to}`;
}
