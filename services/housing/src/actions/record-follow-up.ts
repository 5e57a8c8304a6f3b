// The requesting team (or a coordinator) records what became of the person after the stay.
import { Conflict, writeVerb } from "@relais/service-kit";
import { changePlacement, visiblePlacement } from "../db/placement-store.js";
import type { FollowUpOutcome } from "../domain/follow-up.js";
import type { TeamsContext } from "./context.js";

export async function recordFollowUp(
  ctx: TeamsContext,
  { id, input }: { id: string; input: { outcome: FollowUpOutcome } },
) {
  const { principal, teams } = ctx;
  const now = ctx.clock.now().toISOString();
  return writeVerb(ctx, async (tx) => {
    const row = await visiblePlacement(tx, principal, teams, id);
    if (row.status !== "ended")
      throw new Conflict("A follow-up comes after the stay has ended", "stay_not_ended");
    const change = { followUpOutcome: input.outcome, followUpAt: now, updatedAt: now };
    return changePlacement(tx, ctx, row, change, "placement.follow_up");
  });
}
