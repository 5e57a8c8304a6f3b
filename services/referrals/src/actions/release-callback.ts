// Gives a claimed task back to the queue before its lease runs out: the worker is done for now
// or picked the wrong one. Only the holder releases; another worker's lease is theirs.
import { Conflict, type Principal } from "@relais/service-kit";
import { and, eq } from "drizzle-orm";
import { callbackTasks } from "../db/schema.js";
import { visibleTask } from "../db/task-access.js";
import { releaseClaim } from "../domain/claim.js";
import type { Scope } from "../domain/scope.js";
import type { Deps } from "./deps.js";

export async function releaseCallback(
  deps: Pick<Deps, "database">,
  principal: Principal,
  scope: Scope,
  taskId: string,
) {
  return deps.database.write(async (tx) => {
    const task = await visibleTask(tx, principal, scope, taskId);
    if (task.claimedBy !== principal.sub) throw new Conflict("You do not hold this task", "not_claimed");
    const [released] = await tx
      .update(callbackTasks)
      .set(releaseClaim)
      .where(and(eq(callbackTasks.id, taskId), eq(callbackTasks.claimedBy, principal.sub)))
      .returning();
    return released ?? task;
  });
}
