// Ends the wait of a person's held messages without sending them (all of them, or one group's):
// the referral says they may not be contacted, or the enrolment ended before the contact came.
import { heldMessages, suppressHeld } from "../db/messages.js";
import type { TxContext } from "./context.js";

export async function settleHeld(
  ctx: Pick<TxContext, "tx" | "box">,
  input: { orgId: string; personRef: string; groupId?: string; reason: string; now: Date },
): Promise<void> {
  const held = await heldMessages(ctx.tx, ctx.box, input.orgId, input.personRef);
  const ids = held.filter((h) => !input.groupId || h.groupId === input.groupId).map((h) => h.id);
  await suppressHeld(ctx.tx, ids, input.reason, input.now);
}
