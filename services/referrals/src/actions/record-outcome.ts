// Closes a task with its outcome; an accepted offer may ask groups for a place.
import { enqueue } from "@relais/bus";
import { createEvent, groupKindFits, SupportRequested, type SupportRequestedSealed } from "@relais/contracts";
import type { Tx } from "@relais/db";
import { Conflict } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { partnerOf } from "../db/directory.js";
import type * as schema from "../db/schema.js";
import { callbackTasks, referrals } from "../db/schema.js";
import { settleTaskChange } from "../db/settle-referral.js";
import { personOf, type TaskRow } from "../db/task-access.js";
import type { OutcomeInput } from "../domain/callback-input.js";
import { assertHolds, releaseClaim } from "../domain/claim.js";
import { openPerson } from "../domain/person-view.js";
import { taskClosed } from "../domain/task-events.js";
import type { TeamCtx } from "./deps.js";
import { writeOnTask } from "./task-verb.js";

/** The directory entry a `referred_elsewhere` outcome names: the organisation's own, not archived. */
async function referredPartner(tx: Tx<typeof schema>, orgId: string, input: OutcomeInput) {
  if (input.outcome !== "referred_elsewhere" || input.partnerId === undefined) return undefined;
  const partner = await partnerOf(tx, orgId, input.partnerId);
  if (!partner) {
    // Another organisation's entry is as unknown as a made-up id.
    throw new Conflict("No such partner in the organisation's directory", "unknown_partner", [
      { path: "partnerId", code: "unknown_reference", message: "Not in the directory" },
    ]);
  }
  if (partner.archivedAt !== null) {
    throw new Conflict("This directory entry is archived", "partner_archived", [
      { path: "partnerId", code: "archived", message: "Archived" },
    ]);
  }
  return partner;
}

export async function recordOutcome(
  ctx: TeamCtx,
  { taskId, input }: { taskId: string; input: OutcomeInput },
): Promise<TaskRow> {
  const { principal, requestId } = ctx;
  const now = ctx.clock.now();
  return writeOnTask(ctx, taskId, async (tx, task) => {
    assertHolds(task, principal, now);
    if (!task.reachedAt) {
      throw new Conflict("Log a reached attempt before recording an outcome", "not_reached", [
        { path: "outcome", code: "not_reached", message: "The person has not been reached" },
      ]);
    }
    const group = input.outcome === "accepted" ? input.group : undefined;
    if (group && !groupKindFits(group.kind, task.role)) {
      throw new Conflict(
        `A ${task.role} cannot be placed in a ${group.kind} group`,
        "group_kind_not_for_role",
        [{ path: "group.kind", code: "not_for_role", message: `Not for a ${task.role}` }],
      );
    }
    if (group?.mandate && group.kind !== "perpetrator") {
      throw new Conflict("Only perpetrator programmes carry a mandate", "mandate_not_allowed", [
        { path: "group.mandate", code: "perpetrator_only", message: "Only for kind perpetrator" },
      ]);
    }
    const referredTo = await referredPartner(tx, task.orgId, input);
    const { outcome, ...detail } = input;
    await tx
      .update(callbackTasks)
      .set({
        status: "closed",
        outcome,
        outcomeDetail: ctx.box.seal(JSON.stringify(referredTo ? { to: referredTo.name, ...detail } : detail)),
        referredPartnerId: referredTo?.id ?? null,
        closedAt: now.toISOString(),
        closedBy: principal.sub,
        ...releaseClaim,
      })
      .where(eq(callbackTasks.id, taskId));
    await enqueue(tx, taskClosed(task, outcome, now, requestId));
    if (group) {
      const personRow = await personOf(tx, task.personRef);
      const person = openPerson(ctx.box, personRow);
      const [referral] = await tx
        .select({ municipality: referrals.municipality })
        .from(referrals)
        .where(eq(referrals.id, task.referralId));
      await enqueue(
        tx,
        createEvent(SupportRequested, {
          orgId: task.orgId,
          source: "referrals",
          correlationId: requestId,
          occurredAt: now,
          data: {
            referralId: task.referralId,
            personRef: task.personRef,
            role: task.role,
            ...(person.displayName
              ? {
                  sealed: ctx.seal.groups.seal(
                    { displayName: person.displayName } satisfies SupportRequestedSealed,
                    SupportRequested.type,
                  ),
                }
              : {}),
            groupKind: group.kind,
            language: personRow.language,
            municipality: referral?.municipality ?? "",
            timeZone: personRow.timeZone,
            mandate: group.mandate,
          },
        }),
      );
    }
    return settleTaskChange(tx, ctx, { task, action: "callback.outcome", at: now });
  });
}
