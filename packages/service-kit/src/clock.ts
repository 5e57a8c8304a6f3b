/** Lengths of elapsed time (retention windows, waits), never steps on a calendar: a local day
 * across a DST change is 23 or 25 hours, so calendar steps go through luxon in the zone. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
