// Wall-clock times in an IANA zone, without a time-zone library: the offset comes from Intl.

/**
 * The zone staff screens show times in: Belgium's, where every organisation Relais serves works,
 * never the browser's. A person's own appointments are shown in the person's or the group's zone.
 */
export const STAFF_TIME_ZONE = "Europe/Brussels";

function offsetMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(at / 1000) * 1000;
}

/** `2026-11-20T21:30` in `Europe/Brussels` → `2026-11-20T21:30:00+01:00`. */
export function zonedToIso(local: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let at = wall - offsetMs(timeZone, wall);
  at = wall - offsetMs(timeZone, at);
  const offset = Math.round((wall - at) / 60_000);
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${local}:00${sign}${hh}:${mm}`;
}

/** Now as `YYYY-MM-DDTHH:mm` on the wall clock of `timeZone`, for a datetime-local field. */
export function nowInZone(timeZone: string, now = Date.now()): string {
  const local = new Date(now + offsetMs(timeZone, now));
  return local.toISOString().slice(0, 16);
}

/** A random key for Idempotency-Key headers, also outside secure contexts. */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
