// Time as people in Brussels read it: the story's schedule and safe window are wall-clock times
// in the zone, placed by luxon from the zone's rules (never by offset arithmetic).
import { DateTime } from "luxon";
import { ZONE } from "./people.js";

export interface Local {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function local(at: Date): Local {
  const { year, month, day, hour, minute, second } = DateTime.fromJSDate(at, { zone: ZONE });
  return { year, month, day, hour, minute, second };
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The groups' schedule: the next session two hours and `leadSeconds` from now (so its 2 h
 * reminder falls due `leadSeconds` after the groups are set up) and, three weeks earlier at the
 * same wall-clock time, the first. `next` is an instant; `dtstart` is Brussels wall-clock time,
 * moved back by calendar days only: the groups service places each local occurrence in the zone.
 */
export function storySchedule(now: Date, leadSeconds: number): { dtstart: string; next: string } {
  const next = new Date(Math.ceil((now.getTime() + 7_200_000 + leadSeconds * 1_000) / 1_000) * 1_000);
  const l = local(next);
  const first = new Date(Date.UTC(l.year, l.month - 1, l.day - 21, l.hour, l.minute, l.second));
  return { dtstart: first.toISOString().slice(0, 19), next: next.toISOString() };
}

/** A safe window around the current hour, every day: the story's calls fall inside it whenever it runs. */
export function storySafeWindow(now: Date): { days: number[]; from: string; to: string } {
  const { hour } = local(now);
  // Seven hours: long enough that a high-risk SLA (4 h) ends inside it, not at the next day's window.
  const end = (hour + 6) % 24;
  return {
    days: [1, 2, 3, 4, 5, 6, 7],
    from: `${pad((hour + 23) % 24)}:00`,
    to: end === 0 ? "24:00" : `${pad(end)}:00`,
  };
}

export function when(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

/** A stable run of digits from a seed: each run's references are its own. */
export function digits(seed: string, n: number): string {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return String(h % 10 ** n).padStart(n, "0");
}
