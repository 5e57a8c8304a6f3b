// A claim is a lease: one conditional UPDATE decides, so two workers never hold the same task.
import { Conflict, recordAudit } from "@relais/service-kit";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { callbackTasks } from "../db/schema.js";
import { personOf } from "../db/task-access.js";
import { openPerson } from "../domain/person-view.js";
import type { TeamCtx } from "./deps.js";
import { writeOnTask } from "./task-verb.js";

export async function claimCallback(ctx: TeamCtx, { taskId }: { taskId: string }) {
  const { principal, requestId } = ctx;
  const at = ctx.clock.now();
  const now = at.toISOString();
  const until = new Date(at.getTime() + ctx.policy.claimLeaseMinutes * 60_000).toISOString();
  return writeOnTask(ctx, taskId, async (tx, task) => {
    const [claimed] = await tx
      .update(callbackTasks)
      .set({ claimedBy: principal.sub, claimExpiresAt: until })
      .where(
        and(
          eq(callbackTasks.id, taskId),
          eq(callbackTasks.status, "open"),
          or(
            isNull(callbackTasks.claimedBy),
            lte(callbackTasks.claimExpiresAt, now),
            eq(callbackTasks.claimedBy, principal.sub),
          ),
        ),
      )
      .returning();
    if (!claimed) {
      if (task.status === "closed") throw new Conflict("This task is closed", "task_closed");
      throw new Conflict("Another worker holds this task", "already_claimed");
    }
    const person = await personOf(tx, claimed.personRef);
    // The claim hands over contact details: that is a read of personal data.
    await recordAudit(tx, {
      principal,
      action: "callback.claim",
      recordType: "callback",
      recordId: taskId,
      requestId,
      at,
    });
    return { task: claimed, person: { row: person, ...openPerson(ctx.box, person) } };
  });
}
