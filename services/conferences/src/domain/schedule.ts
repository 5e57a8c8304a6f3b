// A conference's meetings: a one-off is a rule of one occurrence, a recurring one the shared
// RFC 5545 expansion (same local time across daylight-saving changes). Due dates of actions are
// local dates in the conference's zone: an action is overdue once that whole local day has passed.
import { expandSchedule, inZone, parseLocalDateTime } from "@relais/recurrence";
import { Invalid } from "@relais/service-kit";
import type { ConferenceSchedule } from "./input.js";

export interface Meetings {
  dtstart: string;
  /** Canonical rule, or null for a one-off. */
  rrule: string | null;
  /** UTC instants. */
  startsAt: string[];
}

export function planMeetings(schedule: ConferenceSchedule): Meetings {
  const expanded = expandSchedule({
    timeZone: schedule.timeZone,
    dtstart: schedule.dtstart,
    rrule: schedule.rrule ?? "FREQ=DAILY;COUNT=1",
    durationMinutes: schedule.durationMinutes,
  });
  return {
    dtstart: expanded.dtstart,
    rrule: schedule.rrule ? expanded.rrule : null,
    startsAt: expanded.occurrences.map((o) => o.startsAt),
  };
}

/** A conference row's schedule columns: its zone, rule, length and first and last meetings. */
export function scheduleColumns(schedule: ConferenceSchedule, meetings: Meetings) {
  return {
    timeZone: schedule.timeZone,
    dtstart: meetings.dtstart,
    rrule: meetings.rrule,
    durationMinutes: schedule.durationMinutes,
    firstStartsAt: meetings.startsAt[0]!,
    lastStartsAt: meetings.startsAt.at(-1)!,
  };
}

/** The instant a local due date is over in `zone` (the next local midnight), as UTC ISO. */
export function overdueAt(dueDate: string, zone: string, field: string): string {
  let day: ReturnType<typeof parseLocalDateTime>;
  try {
    day = parseLocalDateTime(`${dueDate}T00:00`, "dtstart");
  } catch {
    throw new Invalid(`${field} is not a real date`, [
      { path: field, code: "not_a_date", message: "Not a real date" },
    ]);
  }
  return inZone(day.plus({ days: 1 }), zone)
    .toUTC()
    .toISO({ suppressMilliseconds: true })!;
}
