// Announces each still-open call-back task again before its `callback.opened` ages out of the
// REFERRALS stream (STREAM_MAX_AGE_DAYS). A service that starts on an empty database (housing added
// to a running deployment, notifications restored from a backup) replays the stream, so it then
// learns every open task on its own, with the team holding it now, and every closing within the
// stream's age: no team is refused a person it follows because the task is older than the stream.
// The coordinators' "announce again" (actions/announce-tasks.ts) stays for an immediate heal.
//
// Safe to repeat: consumers upsert (service-kit's team-tasks.ts), and an opening is announced at
// the task's creation, so it never moves a task back from a team a later assignment gave it to.
import { STREAM_MAX_AGE_DAYS } from "@relais/bus";
import { type Clock, createPump, DAY_MS, type Logger, type Pump } from "@relais/service-kit";
import { and, asc, eq, lt, sql } from "drizzle-orm";
import type { Deps } from "../actions/deps.js";
import { callbackTasks } from "../db/schema.js";
import { announceOpenAgain } from "../db/task-announcements.js";
import { leasePumpTiming } from "./lease-pump.js";

/** A task is announced again once its last announcement is half the stream's age old. */
export const REFRESH_AFTER_DAYS = STREAM_MAX_AGE_DAYS / 2;
const BATCH = 500;

export interface TaskRefreshOptions {
  database: Deps["database"];
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
}

/** The organisations that hold tasks, one index seek each (a skip scan of `callback_tasks_queue`). */
async function organisations(database: Deps["database"]): Promise<string[]> {
  const rows = await database.db.all<{ org: string }>(sql`
    WITH RECURSIVE orgs(org) AS (
      SELECT min(org_id) FROM callback_tasks
      UNION ALL
      SELECT (SELECT min(org_id) FROM callback_tasks WHERE org_id > orgs.org) FROM orgs WHERE orgs.org IS NOT NULL
    )
    SELECT org FROM orgs WHERE org IS NOT NULL`);
  return rows.map((row) => row.org);
}

/** One pass: every open task last announced before the cutoff, a batch per write; how many. */
export async function refreshTaskAnnouncements(
  options: Pick<TaskRefreshOptions, "database" | "clock">,
): Promise<number> {
  const { database, clock } = options;
  const now = clock.now();
  const cutoff = new Date(now.getTime() - REFRESH_AFTER_DAYS * DAY_MS).toISOString();
  const announced = sql`coalesce(${callbackTasks.announcedAt}, ${callbackTasks.createdAt})`;
  let count = 0;
  for (const org of await organisations(database)) {
    for (;;) {
      const batch = await database.write(async (tx) => {
        // Open tasks through the queue index (org, status): the closed history is never read.
        const tasks = await tx
          .select()
          .from(callbackTasks)
          .where(and(eq(callbackTasks.orgId, org), eq(callbackTasks.status, "open"), lt(announced, cutoff)))
          .orderBy(asc(callbackTasks.id))
          .limit(BATCH);
        await announceOpenAgain(tx, tasks, now, (task) => task.referralId);
        return tasks;
      });
      count += batch.length;
      if (batch.length < BATCH) break;
    }
  }
  return count;
}

export function createTaskRefreshLoop(options: TaskRefreshOptions): Pump {
  return createPump({
    name: "task-refresh",
    ...leasePumpTiming(options.intervalMs ?? 3_600_000, options.logger),
    work: async () => {
      const refreshed = await refreshTaskAnnouncements(options);
      if (refreshed > 0) options.logger.info({ refreshed }, "open call-back tasks announced again");
      return refreshed;
    },
  });
}
