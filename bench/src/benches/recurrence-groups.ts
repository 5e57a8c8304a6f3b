// The groups service's recurrence expansion (`expandSchedule`), imported through the service's
// public exports: a rename is a type error here, not a figure measured on something else.
import { expandSchedule } from "@relais/groups";
import type { WeeklySeries } from "../lib/rrule-expansion.js";

export const groupsExpansion = {
  source: "@relais/groups expandSchedule",
  expand: (series: WeeklySeries): unknown[] =>
    expandSchedule({
      timeZone: series.timeZone,
      dtstart: series.firstLocal,
      rrule: `FREQ=WEEKLY;COUNT=${series.weeks}`,
      durationMinutes: series.durationMinutes,
    }).occurrences,
};
