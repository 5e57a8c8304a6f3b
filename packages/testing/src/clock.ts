export interface Clock {
  now(): Date;
}

export type Duration =
  | number
  | { days?: number; hours?: number; minutes?: number; seconds?: number; ms?: number };

/** A clock that only moves when the test says so; structurally a `Clock` from @relais/service-kit. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string = "2025-01-06T09:00:00.000Z") {
    this.current = toTime(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(date: Date | string): Date {
    this.current = toTime(date);
    return this.now();
  }

  /** Moves forward by `duration` (milliseconds or parts); a negative duration moves back. */
  advance(duration: Duration): Date {
    this.current += toMs(duration);
    return this.now();
  }
}

export function toMs(duration: Duration): number {
  if (typeof duration === "number") return duration;
  const { days = 0, hours = 0, minutes = 0, seconds = 0, ms = 0 } = duration;
  return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1_000 + ms;
}

function toTime(date: Date | string): number {
  const time = (typeof date === "string" ? new Date(date) : date).getTime();
  if (Number.isNaN(time)) throw new Error(`ManualClock: invalid date ${String(date)}`);
  return time;
}
