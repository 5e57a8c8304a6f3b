import { audit, NotFound, writeVerb } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { actions, agendaItems } from "../db/schema.js";
import { type ActionRecord, audienceOf, findConference, inviteesOf, toAction } from "../db/store.js";
import { mayChangeAction, viewerOf } from "../domain/access.js";
import type { ActionStatus } from "../domain/input.js";
import type { ReadContext } from "./deps.js";

/** The organiser, or the partner who owns the action, sets its status. */
export async function setActionStatus(
  ctx: ReadContext,
  { actionId, status }: { actionId: string; status: ActionStatus },
): Promise<ActionRecord> {
  const { principal } = ctx;
  return writeVerb(ctx, async (tx) => {
    const [row] = await tx.select().from(actions).where(eq(actions.id, actionId)).limit(1);
    if (!row) throw new NotFound("No such action");
    const conference = await findConference(tx, row.conferenceId);
    const viewer =
      conference && viewerOf(principal, ctx.zone, conference, await inviteesOf(tx, row.conferenceId));
    if (!viewer) throw new NotFound("No such action");
    const [item] = await tx.select().from(agendaItems).where(eq(agendaItems.id, row.itemId)).limit(1);
    if (!item || !mayChangeAction(viewer, row, item, await audienceOf(tx, row.itemId)))
      throw new NotFound("No such action");
    const updatedAt = ctx.clock.now().toISOString();
    await tx.update(actions).set({ status, updatedAt }).where(eq(actions.id, actionId));
    await audit(tx, ctx, "action.update", { type: "action", id: actionId });
    return toAction(ctx.box, { ...row, status, updatedAt });
  });
}
