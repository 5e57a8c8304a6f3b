// Loads a task the caller may act on: in their organisation and, for a caseworker, their team's.
import { type Executor, rowByParams } from "@relais/db";
import { NotFound, type Principal } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import type { Scope } from "../domain/scope.js";
import type * as schema from "./schema.js";
import { callbackTasks, persons } from "./schema.js";

export type TaskRow = typeof callbackTasks.$inferSelect;

export function inScope(scope: Scope, team: string): boolean {
  return scope.kind === "organisation" || scope.teams.includes(team);
}

export async function visibleTask(
  db: Executor<typeof schema>,
  principal: Principal,
  scope: Scope,
  taskId: string,
): Promise<TaskRow> {
  const task = await rowByParams(db, "referrals.visibleTask", callbackTasks, {
    id: taskId,
    orgId: principal.org,
  });
  // Another team's task is as invisible as a missing one.
  if (!task || !inScope(scope, task.team)) throw new NotFound("No call-back task with this id in your queue");
  return task;
}

export async function personOf(db: Executor<typeof schema>, personRef: string) {
  const [person] = await db.select().from(persons).where(eq(persons.personRef, personRef)).limit(1);
  if (!person) throw new NotFound("The person of this task is gone");
  return person;
}
