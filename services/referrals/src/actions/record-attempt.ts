// Logs one call-back attempt and applies what follows: first contact, a retry in the next safe
// window, or the stop rule closing the task as unreachable.
import { enqueue } from "@relais/bus";
import { newId } from "@relais/contracts";
import { isInSafeWindow } from "@relais/safe-windows";
import { Conflict, Invalid } from "@relais/service-kit";
import { and, asc, eq, ne } from "drizzle-orm";
import { callbackAttempts, callbackTasks } from "../db/schema.js";
import { settleTaskChange } from "../db/settle-referral.js";
import { personOf, type TaskRow } from "../db/task-access.js";
import type { AttemptInput } from "../domain/callback-input.js";
import { assertHolds, releaseClaim } from "../domain/claim.js";
import { openPerson } from "../domain/person-view.js";
import { decideAfterFailure } from "../domain/stop-rule.js";
import { taskClosed } from "../domain/task-events.js";
import type { TeamCtx } from "./deps.js";
import { writeOnTask } from "./task-verb.js";

export async function recordAttempt(
  ctx: TeamCtx,
  { taskId, input }: { taskId: string; input: AttemptInput },
): Promise<TaskRow> {
  const { principal, requestId } = ctx;
  const now = ctx.clock.now();
  const at = input.at ? new Date(input.at) : now;
  if (at.getTime() > now.getTime() + 60_000) {
    throw new Invalid("An attempt cannot be logged in the future", [
      { path: "at", code: "in_future", message: "In the future" },
    ]);
  }
  return writeOnTask(ctx, taskId, async (tx, task) => {
    assertHolds(task, principal, now);
    if (at.toISOString() < task.createdAt) {
      throw new Invalid("The attempt predates the task", [
        { path: "at", code: "before_filing", message: "Before the referral was filed" },
      ]);
    }
    const personRow = await personOf(tx, task.personRef);
    const { preferences } = openPerson(ctx.box, personRow);
    const zone = personRow.timeZone;
    if (!preferences.channels.includes(input.channel)) {
      throw new Conflict(`This person may not be contacted by ${input.channel}`, "channel_not_allowed", [
        {
          path: "channel",
          code: "channel_not_allowed",
          message: `Allowed: ${preferences.channels.join(", ")}`,
        },
      ]);
    }
    if (input.outcome === "voicemail_left" && !preferences.voicemailAllowed) {
      throw new Conflict("This person does not allow voicemail", "voicemail_not_allowed", [
        {
          path: "outcome",
          code: "voicemail_not_allowed",
          message: "Voicemail is not allowed for this person",
        },
      ]);
    }
    if (!isInSafeWindow(preferences.safeWindows, zone, at)) {
      throw new Conflict("This moment is outside the person's safe contact windows", "outside_safe_window", [
        { path: "at", code: "outside_safe_windows", message: "Outside every safe window" },
      ]);
    }
    await tx.insert(callbackAttempts).values({
      id: `att_${newId()}`,
      taskId,
      outcome: input.outcome,
      channel: input.channel,
      note: input.note ? ctx.box.seal(input.note) : null,
      at: at.toISOString(),
      by: principal.sub,
    });
    const attempts = task.attempts + 1;
    let firstContactAt: string | undefined;
    if (input.outcome === "reached") {
      firstContactAt = at.toISOString();
      await tx
        .update(callbackTasks)
        .set({ attempts, reachedAt: task.reachedAt ?? firstContactAt })
        .where(eq(callbackTasks.id, taskId));
    } else {
      const failed = await tx
        .select({ at: callbackAttempts.at })
        .from(callbackAttempts)
        .where(and(eq(callbackAttempts.taskId, taskId), ne(callbackAttempts.outcome, "reached")))
        .orderBy(asc(callbackAttempts.at));
      const next = decideAfterFailure({
        failedAt: failed.map((row) => new Date(row.at)),
        windows: preferences.safeWindows,
        zone,
        policy: ctx.policy,
      });
      // A reached person who later misses a call is still reached: the stop rule is for first contact.
      const closes = next.kind === "unreachable" && !task.reachedAt;
      await tx
        .update(callbackTasks)
        .set(
          closes
            ? {
                attempts,
                status: "closed",
                outcome: "unreachable",
                closedAt: now.toISOString(),
                closedBy: "stop_rule",
                ...releaseClaim,
              }
            : {
                attempts,
                ...releaseClaim,
                ...(next.kind === "retry" ? { dueAt: next.dueAt.toISOString(), dueNotifiedAt: null } : {}),
              },
        )
        .where(eq(callbackTasks.id, taskId));
      if (closes) await enqueue(tx, taskClosed(task, "unreachable", now, requestId));
    }
    return settleTaskChange(tx, ctx, { task, action: "callback.attempt", at: now, firstContactAt });
  });
}
