// Expands a group's RFC 5545 schedule into session instants. The rule is expanded in floating
// local time (rrule's "fake UTC" dates stand for wall-clock times), then each occurrence is placed
// in the group's zone with luxon, so an 18:00 session stays at 18:00 across daylight-saving changes.
import { createRequire } from "node:module";
import { DAY_MS, type FieldError, Invalid } from "@relais/service-kit";
import { DateTime } from "luxon";
import { RememberingZone } from "./remembering-zone.js";

// rrule ships CommonJS as `main` and an ESM build without a default export as `module`; Node's
// ESM loader cannot see named exports of the CJS build, so it is loaded through `require`.
const { RRule } = createRequire(import.meta.url)("rrule") as typeof import("rrule");

/** A group meets at most a couple of times a week for a year: more is a typo, not a programme. */
export const MAX_SESSIONS = 200;

export interface Schedule {
  timeZone: string;
  /** Local wall-clock start, without offset: `2026-02-03T18:00` or `2026-02-03T18:00:00`. */
  dtstart: string;
  /** RRULE value, with or without the `RRULE:` prefix; COUNT or UNTIL is required. */
  rrule: string;
  durationMinutes: number;
}

export interface Occurrence {
  /** UTC ISO instants. */
  startsAt: string;
  endsAt: string;
}

export interface ExpandedSchedule {
  /** Canonical RRULE value: upper case, no prefix, UNTIL in UTC as RFC 5545 requires with a TZID. */
  rrule: string;
  /** Local wall-clock start of the first session, `yyyy-MM-ddTHH:mm:ss`. */
  dtstart: string;
  occurrences: Occurrence[];
}

const KEYS = new Set([
  "FREQ",
  "INTERVAL",
  "COUNT",
  "UNTIL",
  "BYDAY",
  "BYMONTHDAY",
  "BYMONTH",
  "BYSETPOS",
  "WKST",
]);
const FREQS = new Set(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]);
const DAY = /^[+-]?\d{0,2}(MO|TU|WE|TH|FR|SA|SU)$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const LOCAL_FIELDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const UNTIL = /^(\d{8})(T(\d{6})(Z?))?$/;

function invalid(field: string, message: string, coded: Coded = { code: "invalid_schedule" }): Invalid {
  return new Invalid(`The schedule's ${field} is not valid: ${message}`, [
    { path: `schedule.${field}`, message, ...coded } as FieldError,
  ]);
}

type Coded = Pick<FieldError, "code" | "params">;

/** Parses `2026-02-03T18:00` as wall-clock fields (no zone applied yet). */
export function parseLocalDateTime(value: string, field = "dtstart"): DateTime {
  const parsed = LOCAL_DATE_TIME.test(value) ? DateTime.fromISO(value, { zone: "utc" }) : null;
  if (!parsed?.isValid)
    throw invalid(field, "Expected a local date and time like 2026-02-03T18:00", {
      code: "invalid_datetime",
    });
  return parsed;
}

/** A wall-clock time (carried in a UTC DateTime's fields) placed in `zone`. */
export function inZone(wallClock: DateTime, zone: string): DateTime {
  const placed = DateTime.fromObject(
    {
      year: wallClock.year,
      month: wallClock.month,
      day: wallClock.day,
      hour: wallClock.hour,
      minute: wallClock.minute,
      second: wallClock.second,
    },
    { zone },
  );
  if (!placed.isValid) throw invalid("timeZone", "Unknown IANA time zone", { code: "invalid_time_zone" });
  return placed;
}

function parseRule(text: string): Map<string, string> {
  const body = text
    .trim()
    .replace(/^RRULE:/i, "")
    .toUpperCase();
  const parts = new Map<string, string>();
  for (const token of body.split(";")) {
    const [key, value, ...rest] = token.split("=");
    if (!key || value === undefined || value === "" || rest.length > 0)
      throw invalid("rrule", `"${token}" is not KEY=VALUE`);
    if (!KEYS.has(key)) throw invalid("rrule", `${key} is not supported`);
    if (parts.has(key)) throw invalid("rrule", `${key} appears twice`);
    parts.set(key, value);
  }
  const freq = parts.get("FREQ");
  if (!freq || !FREQS.has(freq)) throw invalid("rrule", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
  if (parts.has("COUNT") === parts.has("UNTIL")) throw invalid("rrule", "Give exactly one of COUNT or UNTIL");
  const count = parts.get("COUNT");
  if (count !== undefined && !/^\d{1,3}$/.test(count)) throw invalid("rrule", "COUNT must be a number");
  const interval = parts.get("INTERVAL");
  if (interval !== undefined && !/^[1-9]\d?$/.test(interval))
    throw invalid("rrule", "INTERVAL must be between 1 and 99");
  const byDay = parts.get("BYDAY");
  if (byDay !== undefined && !byDay.split(",").every((d) => DAY.test(d)))
    throw invalid("rrule", "BYDAY must list days such as TU or 1MO");
  for (const key of ["BYMONTHDAY", "BYMONTH", "BYSETPOS"]) {
    const list = parts.get(key);
    if (list !== undefined && !/^[+-]?\d{1,3}(,[+-]?\d{1,3})*$/.test(list))
      throw invalid("rrule", `${key} must be a list of numbers`);
  }
  return parts;
}

/** UNTIL as a wall-clock time in `zone` (fake UTC), from the UTC, floating or date-only forms. */
function untilWallClock(value: string, zone: string): DateTime {
  const match = UNTIL.exec(value);
  if (!match) throw invalid("rrule", "UNTIL must look like 20261124T235959Z or 20261124");
  const [, date, , time, utc] = match;
  if (!time) {
    // A date alone includes that whole local day.
    const day = DateTime.fromFormat(date!, "yyyyMMdd", { zone: "utc" });
    if (!day.isValid) throw invalid("rrule", "UNTIL is not a real date");
    return day.endOf("day").startOf("second");
  }
  const stamp = DateTime.fromFormat(`${date}${time}`, "yyyyMMddHHmmss", { zone: "utc" });
  if (!stamp.isValid) throw invalid("rrule", "UNTIL is not a real date and time");
  if (!utc) return stamp;
  const local = stamp.setZone(zone);
  return DateTime.fromObject(
    {
      year: local.year,
      month: local.month,
      day: local.day,
      hour: local.hour,
      minute: local.minute,
      second: local.second,
    },
    { zone: "utc" },
  );
}

export function expandSchedule(schedule: Schedule): ExpandedSchedule {
  const startMs = localMillis(schedule.dtstart);
  const zone = zoneNamed(schedule.timeZone);
  const parsed = parsedRule(schedule.rrule);
  const until = parsed.until === undefined ? undefined : untilWallClock(parsed.until, schedule.timeZone);

  const rule = new RRule({
    ...parsed.options,
    dtstart: new Date(startMs),
    ...(until ? { until: until.toJSDate() } : {}),
  });
  // One past the limit tells "too many" from "exactly the limit" without expanding forever.
  const dates = rule.all((_, index) => index <= MAX_SESSIONS);
  if (dates.length === 0)
    throw invalid("rrule", "The rule produces no sessions after dtstart", { code: "no_sessions" });
  if (dates.length > MAX_SESSIONS)
    throw invalid("rrule", `The rule produces more than ${MAX_SESSIONS} sessions`, {
      code: "too_many_sessions",
      params: { maximum: MAX_SESSIONS },
    });

  // Each wall-clock start is placed in the zone. A session keeps the previous one's offset when
  // the zone (luxon's IANA data through the remembering zone) gives that very offset at the
  // resulting instant: one look-up per session. Where it does not (a daylight-saving change in
  // between), luxon places the session itself with `set`, starting from the previous placement;
  // the end is the start plus an elapsed duration, which needs no look-up at all.
  const durationMs = schedule.durationMinutes * 60_000;
  // The first placement starts from the offset a day earlier, so a wall-clock time that occurs
  // twice (the night summer time ends) is its first occurrence, as RFC 5545 says, whatever the
  // date today; a time that does not exist (the night it starts) moves forward by the gap.
  const dayBefore = new Date(dates[0]!.getTime() - 86_400_000);
  let offsetMs = zone.offset(dayBefore.getTime()) * 60_000;
  let previousMs = dayBefore.getTime() - offsetMs;
  if (zone.offset(previousMs) * 60_000 !== offsetMs) {
    const placed = DateTime.fromObject(wallClockOf(dayBefore), { zone });
    previousMs = placed.toMillis();
    offsetMs = placed.offset * 60_000;
  }
  const occurrences = new Array<Occurrence>(dates.length);
  for (let index = 0; index < dates.length; index++) {
    const date = dates[index]!;
    let startMs = date.getTime() - offsetMs;
    if (zone.offset(startMs) * 60_000 !== offsetMs) {
      // luxon's `set` starts from the previous placement's offset, as it would in a loop of sets.
      const placed = DateTime.fromMillis(previousMs, { zone }).set(wallClockOf(date));
      startMs = placed.toMillis();
      offsetMs = placed.offset * 60_000;
    }
    occurrences[index] = { startsAt: isoSeconds(startMs), endsAt: isoSeconds(startMs + durationMs) };
    previousMs = startMs;
  }
  const canonical = until
    ? [
        ...parsed.withoutUntil,
        `UNTIL=${inZone(until, schedule.timeZone).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`,
      ]
    : parsed.withoutUntil;
  return {
    rrule: canonical.join(";"),
    dtstart: isoSeconds(dates[0]!.getTime()).slice(0, 19),
    occurrences,
  };
}

/** `2026-02-03T18:00` as epoch milliseconds of those wall-clock fields read as UTC (rrule's floating time). */
function localMillis(value: string): number {
  const match = LOCAL_FIELDS.exec(value);
  if (match) {
    const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const second = match[6] === undefined ? 0 : Number(match[6]);
    const ms = Date.UTC(year, month - 1, day, hour, minute, second);
    const back = new Date(ms);
    // Date.UTC rolls 30 February over into March: a real date reads back as the same fields.
    if (
      hour < 24 &&
      minute < 60 &&
      second < 60 &&
      back.getUTCFullYear() === year &&
      back.getUTCMonth() === month - 1 &&
      back.getUTCDate() === day
    )
      return ms;
  }
  return parseLocalDateTime(value).toMillis();
}

/**
 * A zone per IANA name, kept: building one costs an `Intl.DateTimeFormat` (hundreds of
 * microseconds, as much as rrule's whole expansion of a year). Only valid names are kept, and the
 * map starts over past a bound, so hostile input cannot grow it without limit.
 */
const zones = new Map<string, RememberingZone>();
function zoneNamed(name: string): RememberingZone {
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = new RememberingZone(name);
    if (!zone.isValid) throw invalid("timeZone", "Unknown IANA time zone", { code: "invalid_time_zone" });
    if (zones.size >= 1_000) zones.clear();
    zones.set(name, zone);
  }
  return zone;
}

interface ParsedRule {
  /** The rule's parts but UNTIL, canonical (`KEY=VALUE`, upper case). */
  withoutUntil: readonly string[];
  until: string | undefined;
  options: ReturnType<typeof RRule.parseString>;
}

/**
 * Rules parsed and checked once per text: most groups share a handful of rules
 * (`FREQ=WEEKLY;COUNT=…`). Only valid rules are kept, within a bound, like zones.
 */
const rules = new Map<string, ParsedRule>();
function parsedRule(text: string): ParsedRule {
  let parsed = rules.get(text);
  if (parsed === undefined) {
    const parts = parseRule(text);
    const withoutUntil = [...parts].filter(([key]) => key !== "UNTIL").map(([k, v]) => `${k}=${v}`);
    let options: ReturnType<typeof RRule.parseString>;
    try {
      options = RRule.parseString(withoutUntil.join(";"));
    } catch (error) {
      throw invalid("rrule", (error as Error).message);
    }
    // Frozen: every expansion spreads the same options into its own RRule, none may change them.
    for (const value of Object.values(options)) if (Array.isArray(value)) Object.freeze(value);
    parsed = Object.freeze({
      withoutUntil: Object.freeze(withoutUntil),
      until: parts.get("UNTIL"),
      options: Object.freeze(options),
    });
    if (rules.size >= 1_000) rules.clear();
    rules.set(text, parsed);
  }
  return parsed;
}

/** rrule's "floating" dates carry the wall-clock time in their UTC fields. */
function wallClockOf(date: Date) {
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, "0"));
/** `yyyy-MM-ddT` per UTC day number, from `toISOString` once per day: a series revisits few days. */
const dayTexts = new Map<number, string>();

/**
 * The same text as `toUtcIso` (UTC, whole seconds, `Z`), straight from epoch milliseconds: the
 * day's text from `toISOString` (kept per day), the time of day from the milliseconds since UTC
 * midnight. ~10× cheaper than `toISOString` per instant, and an expansion writes two per session.
 */
function isoSeconds(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let date = dayTexts.get(day);
  if (date === undefined) {
    // `yyyy-MM-ddT` for every year a session can have (0000–9999).
    date = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (dayTexts.size >= 100_000) dayTexts.clear();
    dayTexts.set(day, date);
  }
  const seconds = Math.floor((ms - day * DAY_MS) / 1000);
  const hour = Math.floor(seconds / 3600);
  const minute = Math.floor((seconds % 3600) / 60);
  return `${date}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[seconds % 60]}Z`;
}

export function toUtcIso(instant: DateTime): string {
  return instant.toUTC().toISO({ suppressMilliseconds: true })!;
}

/** An instant shown in the group's zone, with its offset. */
export function toZonedIso(utcIso: string, zone: string): string {
  return DateTime.fromISO(utcIso, { zone }).toISO({ suppressMilliseconds: true })!;
}
