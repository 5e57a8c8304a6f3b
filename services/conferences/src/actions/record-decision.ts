// A decision on an agenda item and the actions of the concerted plan: each action is owned by an
// invited partner who may see the item, has a local due date and a status.
import { newId } from "@relais/contracts";
import { audit, Invalid } from "@relais/service-kit";
import { actions, decisions } from "../db/schema.js";
import { agendaItemOf, audienceOf, inviteesOf } from "../db/store.js";
import type { DecisionInput } from "../domain/input.js";
import { overdueAt } from "../domain/schedule.js";
import { writeOnOpenConference } from "./conference-verb.js";
import type { Ctx } from "./deps.js";

export async function recordDecision(
  ctx: Ctx,
  { conferenceId, itemId, input }: { conferenceId: string; itemId: string; input: DecisionInput },
) {
  const { principal } = ctx;
  const at = ctx.clock.now().toISOString();
  return writeOnOpenConference(ctx, conferenceId, async (tx, conference) => {
    const item = await agendaItemOf(tx, conferenceId, itemId);
    const invited = (await inviteesOf(tx, conferenceId)).filter((i) => i.status === "invited");
    const audience = new Set(await audienceOf(tx, itemId));
    const rows = input.actions.map((action, index) => {
      const owner = invited.find((i) => i.id === action.ownerInviteeId);
      if (!owner || (item.confidential && !audience.has(owner.id)))
        throw new Invalid("An action's owner must be an invitee who sees the item", [
          {
            path: `actions.${index}.ownerInviteeId`,
            code: "not_invitee",
            message: "Not an invitee who sees this item",
          },
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
    await audit(tx, ctx, "decision.create", { type: "decision", id });
    return { id, itemId, conferenceId };
  });
}
