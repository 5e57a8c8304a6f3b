// The VTIMEZONE of a group's zone, so calendar clients place every occurrence at the group's local
// wall-clock time whatever their own zone: the maintained definitions of `timezones-ical-library`
// (built from the IANA database, bundled, no network), plugged into ical-generator.
import { tzlib_get_ical_block, tzlib_get_timezones } from "timezones-ical-library";

const known = new Set(tzlib_get_timezones() as string[]);
/** Blocks already written: the library rebuilds one from its tables on every call (~0.7 ms). */
const blocks = new Map<string, string | null>();

/** The VTIMEZONE block of `zone`, or null for a zone the library does not know. */
export function vtimezoneOf(zone: string): string | null {
  // Checked first: the library logs to the console for an unknown zone.
  if (!known.has(zone)) return null;
  let block = blocks.get(zone);
  if (block === undefined) {
    block = (tzlib_get_ical_block(zone) as string[])[0] || null;
    blocks.set(zone, block);
  }
  return block;
}
