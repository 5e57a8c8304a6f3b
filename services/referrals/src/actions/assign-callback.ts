// A coordinator gives a task of the coordinators' queue to a team. The team's alerts go to the
// address the routing table has for it (or the one given); the scheduler announces due and overdue anew.
// In the same transaction it announces the task as opened by the new team, so notifications moves the
// person's contact access from the coordinators' queue to that team (notifications' db/team-tasks.ts).
import { enqueue } from "@relais/bus";
import { rowByParams } from "@relais/db";
import { Conflict, NotFound, recordAudit } from "@relais/service-kit";
import { and, eq } from "drizzle-orm";
import { callbackTasks, routes } from "../db/schema.js";
import { COORDINATOR_QUEUE } from "../domain/routing.js";
import { taskOpened } from "../domain/task-events.js";
import type { Ctx } from "./deps.js";

export async function assignCallback(
  ctx: Ctx,
  { id, input }: { id: string; input: { team: string; teamEmail?: string } },
) {
  const { principal, requestId } = ctx;
  if (input.team === COORDINATOR_QUEUE) {
    throw new Conflict(`"${COORDINATOR_QUEUE}" is the coordinators' queue, not a team`, "reserved_team", [
      { path: "team", code: "reserved", message: "Reserved" },
    ]);
  }
  const now = ctx.clock.now();
  return ctx.database.write(async (tx) => {
    const task = await rowByParams(tx, "referrals.taskToAssign", callbackTasks, { id, orgId: principal.org });
    if (!task) throw new NotFound("No such task");
    if (task.status !== "open" || task.team !== COORDINATOR_QUEUE) {
      throw new Conflict("Only open tasks of the coordinators' queue are assigned here", "not_unrouted");
    }
    const [known] = input.teamEmail
      ? []
      : await tx
          .select({ teamEmail: routes.teamEmail })
          .from(routes)
          .where(and(eq(routes.orgId, principal.org), eq(routes.team, input.team)))
          .limit(1);
    const teamEmail = input.teamEmail ?? known?.teamEmail ?? null;
    const [updated] = await tx
      .update(callbackTasks)
      .set({
        team: input.team,
        teamEmail,
        routed: true,
        claimedBy: null,
        claimExpiresAt: null,
        // The new team has not been told yet: the scheduler announces due and overdue to it.
        dueNotifiedAt: null,
        overdueNotifiedAt: null,
      })
      .where(eq(callbackTasks.id, id))
      .returning();
    await enqueue(tx, taskOpened(updated!, now, requestId));
    await recordAudit(tx, {
      principal,
      action: "callback.assign",
      recordType: "callback_task",
      recordId: id,
      requestId,
      at: now,
    });
    return updated!;
  });
}
