// An availability window is a stretch of nights; a place's windows never overlap.
import { Invalid } from "@relais/service-kit";

export function checkWindows(windows: ReadonlyArray<{ startsOn: string; endsOn: string }>): void {
  windows.forEach((w, i) => {
    if (w.endsOn <= w.startsOn)
      throw new Invalid("A window ends after it starts", [
        { path: `windows.${i}.endsOn`, code: "end_before_start", message: "must be after startsOn" },
      ]);
  });
  const sorted = [...windows].map((w, i) => ({ ...w, i })).sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1] as (typeof sorted)[number];
    const next = sorted[k] as (typeof sorted)[number];
    if (next.startsOn < prev.endsOn)
      throw new Invalid("Windows of one place do not overlap", [
        { path: `windows.${next.i}.startsOn`, code: "windows_overlap", message: "overlaps another window" },
      ]);
  }
}
