// Finds the groups service's recurrence expansion (`expandSchedule` in its domain). Loaded by
// path at run time so the bench neither type-checks against nor breaks with a service's work in
// progress; null when it is not there, and the bench says which expansion it measured.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { WeeklySeries } from "../lib/rrule-expansion.js";

const SOURCE = "services/groups/src/domain/recurrence.ts";

export interface GroupsExpansion {
  source: string;
  expand(series: WeeklySeries): unknown[];
}

interface Schedule {
  timeZone: string;
  dtstart: string;
  rrule: string;
  durationMinutes: number;
}
type ExpandSchedule = (schedule: Schedule) => { occurrences: unknown[] };

export async function loadGroupsExpansion(root: string): Promise<GroupsExpansion | null> {
  const path = join(root, SOURCE);
  if (!existsSync(path)) return null;
  const module = (await import(pathToFileURL(path).href)) as { expandSchedule?: ExpandSchedule };
  const expandSchedule = module.expandSchedule;
  if (typeof expandSchedule !== "function") return null;
  return {
    source: `${SOURCE} expandSchedule`,
    expand: (series) =>
      expandSchedule({
        timeZone: series.timeZone,
        dtstart: series.firstLocal,
        rrule: `FREQ=WEEKLY;COUNT=${series.weeks}`,
        durationMinutes: series.durationMinutes,
      }).occurrences,
  };
}
