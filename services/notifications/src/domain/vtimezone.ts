// Builds a VTIMEZONE from the runtime's IANA data (through luxon) so calendar clients place every
// occurrence at the group's local wall-clock time, whatever their own zone. Each transition in the
// range is written out as its own observance: exact for any zone, with no rule to get wrong.
import { DateTime } from "luxon";

interface Transition {
  /** First instant with the new offset. */
  at: DateTime;
  from: number;
  to: number;
}

const STEP_MS = 24 * 3_600_000;

function offsetAt(zone: string, ms: number): number {
  return DateTime.fromMillis(ms, { zone }).offset;
}

/**
 * Offset changes between the two instants (after `from`, up to and including `to`). Every invite
 * needs them and a scan costs thousands of zone look-ups, so each zone's changes are found once
 * per UTC year and kept: a series' invites then all share the same handful of transitions.
 */
export function findTransitions(zone: string, from: Date, to: Date): Transition[] {
  const transitions: Transition[] = [];
  for (let year = from.getUTCFullYear(); year <= to.getUTCFullYear(); year++) {
    for (const transition of transitionsOfYear(zone, year)) {
      const at = transition.at.toMillis();
      if (at > from.getTime() && at <= to.getTime()) transitions.push(transition);
    }
  }
  return transitions;
}

const byZoneYear = new Map<string, readonly Transition[]>();
/** Zones × years seen; a cap only so that no input can grow the cache without end. */
const MAX_CACHED = 2_000;

function transitionsOfYear(zone: string, year: number): readonly Transition[] {
  const key = `${zone}|${year}`;
  let found = byZoneYear.get(key);
  if (!found) {
    found = scan(zone, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1));
    if (byZoneYear.size >= MAX_CACHED) byZoneYear.clear();
    byZoneYear.set(key, found);
  }
  return found;
}

/**
 * Day by day, then narrowed to the minute. A zone look-up costs tens of µs, so hourly steps made
 * a year cost a quarter of a second; a change undone within the same day would be missed, which
 * no zone has done since the tz database's modern era.
 */
function scan(zone: string, fromMs: number, toMs: number): Transition[] {
  const transitions: Transition[] = [];
  let previous = offsetAt(zone, fromMs);
  for (let ms = fromMs + STEP_MS; ms <= toMs; ms += STEP_MS) {
    const current = offsetAt(zone, ms);
    if (current === previous) continue;
    let low = ms - STEP_MS;
    let high = ms;
    while (high - low > 60_000) {
      const mid = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offsetAt(zone, mid) === previous) low = mid;
      else high = mid;
    }
    transitions.push({ at: DateTime.fromMillis(high, { zone }), from: previous, to: current });
    previous = current;
  }
  return transitions;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

const blocks = new Map<string, string>();

/** A VTIMEZONE block for `zone`, covering `from`..`to`; every invite of a series asks for the same. */
export function buildVtimezone(zone: string, from: Date, to: Date): string {
  const key = `${zone}|${from.getTime()}|${to.getTime()}`;
  let block = blocks.get(key);
  if (block === undefined) {
    block = writeVtimezone(zone, from, to);
    if (blocks.size >= MAX_CACHED) blocks.clear();
    blocks.set(key, block);
  }
  return block;
}

function writeVtimezone(zone: string, from: Date, to: Date): string {
  const lines = ["BEGIN:VTIMEZONE", `TZID:${zone}`];
  const transitions = findTransitions(zone, from, to);
  if (transitions.length === 0) {
    const start = DateTime.fromJSDate(from, { zone });
    const offset = formatOffset(start.offset);
    lines.push(
      "BEGIN:STANDARD",
      "DTSTART:19700101T000000",
      `TZOFFSETFROM:${offset}`,
      `TZOFFSETTO:${offset}`,
      `TZNAME:${start.setLocale("en-GB").offsetNameShort ?? offset}`,
      "END:STANDARD",
    );
  }
  for (const transition of transitions) {
    const kind = transition.at.isInDST ? "DAYLIGHT" : "STANDARD";
    // DTSTART is the wall-clock time of the change, read in the offset in force before it.
    const localBefore = transition.at.setZone(`UTC${formatOffsetForLuxon(transition.from)}`);
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${localBefore.toFormat("yyyyLLdd'T'HHmmss")}`,
      `TZOFFSETFROM:${formatOffset(transition.from)}`,
      `TZOFFSETTO:${formatOffset(transition.to)}`,
      `TZNAME:${transition.at.setLocale("en-GB").offsetNameShort ?? formatOffset(transition.to)}`,
      `END:${kind}`,
    );
  }
  lines.push("END:VTIMEZONE");
  return lines.join("\r\n");
}

// luxon names fixed-offset zones "UTC+1", "UTC+5:30", "UTC-3".
function formatOffsetForLuxon(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  return rest === 0 ? `${sign}${hours}` : `${sign}${hours}:${String(rest).padStart(2, "0")}`;
}
