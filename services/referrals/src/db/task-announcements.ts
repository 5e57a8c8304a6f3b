// An open task's opening published again (the coordinators' announcement, the task-refresh job):
// announced at the task's creation with the team that holds it now, so a consumer never moves it
// back from a later assignment, and `announced_at` says when, so the refresh waits from there.
import { enqueue } from "@relais/bus";
import type { Tx } from "@relais/db";
import { inArray } from "drizzle-orm";
import { taskOpened } from "../domain/task-events.js";
import type * as schema from "./schema.js";
import { callbackTasks } from "./schema.js";

type OpenTask = typeof callbackTasks.$inferSelect;

export async function announceOpenAgain(
  tx: Tx<typeof schema>,
  tasks: OpenTask[],
  at: Date,
  correlationId: (task: OpenTask) => string,
): Promise<void> {
  if (tasks.length === 0) return;
  await enqueue(tx, ...tasks.map((task) => taskOpened(task, new Date(task.createdAt), correlationId(task))));
  await tx
    .update(callbackTasks)
    .set({ announcedAt: at.toISOString() })
    .where(
      inArray(
        callbackTasks.id,
        tasks.map((task) => task.id),
      ),
    );
}
