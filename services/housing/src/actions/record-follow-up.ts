// The requesting team (or a coordinator) records what became of the person after the stay.
import { Conflict, recordAudit, writeVerb } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { type PlacementRow, visiblePlacement } from "../db/placement-store.js";
import { placements } from "../db/schema.js";
import type { FollowUpOutcome } from "../domain/follow-up.js";
import type { TeamsContext } from "./context.js";

export async function recordFollowUp(
  ctx: TeamsContext,
  { id, input }: { id: string; input: { outcome: FollowUpOutcome } },
) {
  const { principal, requestId, teams } = ctx;
  const now = ctx.clock.now().toISOString();
  return writeVerb(ctx, async (tx) => {
    const row = await visiblePlacement(tx, principal, teams, id);
    if (row.status !== "ended")
      throw new Conflict("A follow-up comes after the stay has ended", "stay_not_ended");
    const followed: PlacementRow = {
      ...row,
      followUpOutcome: input.outcome,
      followUpAt: now,
      updatedAt: now,
    };
    await tx
      .update(placements)
      .set({ followUpOutcome: input.outcome, followUpAt: now, updatedAt: now })
      .where(eq(placements.id, row.id));
    await recordAudit(tx, {
      principal,
      action: "placement.follow_up",
      recordType: "placement",
      recordId: row.id,
      requestId,
    });
    return followed;
  });
}
