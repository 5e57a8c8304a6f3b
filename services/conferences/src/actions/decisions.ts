// Decisions on an agenda item and the actions of the concerted plan: each action is owned by an
// invited partner who may see the item, has a local due date and a status.
import { newId } from "@relais/contracts";
import { Conflict, Invalid, NotFound, recordAudit, type VerbContext, writeVerb } from "@relais/service-kit";
import { and, eq } from "drizzle-orm";
import { actions, agendaItems, decisions, itemAudience } from "../db/schema.js";
import { type ActionRecord, findConference, inviteesOf, organisedConference, toAction } from "../db/store.js";
import { viewerOf } from "../domain/access.js";
import type { ActionStatus, DecisionInput } from "../domain/input.js";
import { overdueAt } from "../domain/schedule.js";
import type { Deps } from "./deps.js";

export async function recordDecision(
  ctx: VerbContext<Deps>,
  conferenceId: string,
  itemId: string,
  input: DecisionInput,
) {
  const { principal, requestId } = ctx;
  const at = ctx.clock.now().toISOString();
  return writeVerb(ctx, async (tx, authorised) => {
    const conference = await organisedConference(tx, principal, conferenceId);
    await authorised();
    if (conference.status === "cancelled") throw new Conflict("The conference is cancelled");
    const [item] = await tx
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.id, itemId), eq(agendaItems.conferenceId, conferenceId)))
      .limit(1);
    if (!item) throw new NotFound("No such agenda item");
    const invited = (await inviteesOf(tx, conferenceId)).filter((i) => i.status === "invited");
    const audience = new Set(
      (await tx.select().from(itemAudience).where(eq(itemAudience.itemId, itemId))).map((a) => a.inviteeId),
    );
    const rows = input.actions.map((action, index) => {
      const owner = invited.find((i) => i.id === action.ownerInviteeId);
      if (!owner || (item.confidential && !audience.has(owner.id)))
        throw new Invalid("An action's owner must be an invitee who sees the item", [
          { path: `actions.${index}.ownerInviteeId`, message: "Not an invitee who sees this item" },
        ]);
      return {
        id: newId(),
        conferenceId,
        itemId,
        ownerInviteeId: owner.id,
        descriptionSealed: ctx.box.seal(action.description),
        dueDate: action.dueDate,
        overdueAt: overdueAt(action.dueDate, conference.timeZone, `actions.${index}.dueDate`),
        status: "open" as const,
        remindedAt: null,
        createdAt: at,
        updatedAt: at,
      };
    });
    const id = newId();
    await tx.insert(decisions).values({
      id,
      conferenceId,
      itemId,
      textSealed: ctx.box.seal(input.text),
      createdBy: principal.sub,
      createdAt: at,
    });
    if (rows.length > 0) await tx.insert(actions).values(rows.map((r) => ({ ...r, decisionId: id })));
    await recordAudit(tx, {
      principal,
      action: "decision.create",
      recordType: "decision",
      recordId: id,
      requestId,
    });
    return { id, itemId, conferenceId };
  });
}

/** The organiser, or the partner who owns the action, sets its status. */
export async function setActionStatus(
  ctx: VerbContext<Deps> & { zone: string },
  actionId: string,
  status: ActionStatus,
): Promise<ActionRecord> {
  const { principal, requestId } = ctx;
  return writeVerb(ctx, async (tx) => {
    const [row] = await tx.select().from(actions).where(eq(actions.id, actionId)).limit(1);
    if (!row) throw new NotFound("No such action");
    const conference = await findConference(tx, row.conferenceId);
    const viewer =
      conference && viewerOf(principal, ctx.zone, conference, await inviteesOf(tx, row.conferenceId));
    const allowed =
      viewer?.kind === "organiser" ||
      (viewer?.kind === "invitee" && viewer.inviteeIds.has(row.ownerInviteeId));
    if (!allowed) throw new NotFound("No such action");
    const updatedAt = ctx.clock.now().toISOString();
    await tx.update(actions).set({ status, updatedAt }).where(eq(actions.id, actionId));
    await recordAudit(tx, {
      principal,
      action: "action.update",
      recordType: "action",
      recordId: actionId,
      requestId,
    });
    return toAction(ctx.box, { ...row, status, updatedAt });
  });
}
