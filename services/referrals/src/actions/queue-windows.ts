// For the queue: whether each person's safe window is open now and when it next opens. The
// windows are sealed with the person's contact, so they are opened here and only the two answers
// leave the service.

import { isInSafeWindow, nextSafeMoment } from "@relais/safe-windows";
import { inArray } from "drizzle-orm";
import { persons } from "../db/schema.js";
import type { TaskRow } from "../db/task-access.js";
import { openPerson } from "../domain/person-view.js";
import type { Deps } from "./deps.js";

export interface WindowStatus {
  windowOpenNow: boolean;
  /** The next opening when closed now; null when open now. */
  windowOpensAt: string | null;
  timeZone: string;
}

export async function queueWindows(
  deps: Pick<Deps, "database" | "box">,
  tasks: TaskRow[],
  now: Date,
): Promise<Map<string, WindowStatus>> {
  const refs = [...new Set(tasks.map((t) => t.personRef))];
  const result = new Map<string, WindowStatus>();
  if (refs.length === 0) return result;
  const rows = await deps.database.db.select().from(persons).where(inArray(persons.personRef, refs));
  for (const row of rows) {
    const { safeWindows } = openPerson(deps.box, row).preferences;
    const open = isInSafeWindow(safeWindows, row.timeZone, now);
    result.set(row.personRef, {
      windowOpenNow: open,
      windowOpensAt: open ? null : (nextSafeMoment(safeWindows, row.timeZone, now)?.toISOString() ?? null),
      timeZone: row.timeZone,
    });
  }
  return result;
}
