// Gives a claimed task back to the queue before its lease runs out: the worker is done for now
// or picked the wrong one. Only the holder releases; another worker's lease is theirs.
import { Conflict } from "@relais/service-kit";
import { and, eq } from "drizzle-orm";
import { callbackTasks } from "../db/schema.js";
import { releaseClaim } from "../domain/claim.js";
import type { TeamCtx } from "./deps.js";
import { writeOnTask } from "./task-verb.js";

export async function releaseCallback(ctx: TeamCtx, { taskId }: { taskId: string }) {
  const { principal } = ctx;
  return writeOnTask(ctx, taskId, async (tx, task) => {
    if (task.claimedBy !== principal.sub) throw new Conflict("You do not hold this task", "not_claimed");
    const [released] = await tx
      .update(callbackTasks)
      .set(releaseClaim)
      .where(and(eq(callbackTasks.id, taskId), eq(callbackTasks.claimedBy, principal.sub)))
      .returning();
    return released ?? task;
  });
}
