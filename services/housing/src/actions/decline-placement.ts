// Housing staff turn a request down (no suitable place, the person is housed elsewhere): a held
// place is freed. A confirmed stay is ended, not declined.
import { Conflict, recordAudit, writeVerb } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { type PlacementRow, visiblePlacement } from "../db/placement-store.js";
import { placements } from "../db/schema.js";
import type { HousingContext } from "./context.js";

export async function declinePlacement(
  ctx: HousingContext,
  { id, input }: { id: string; input: { reason: string } },
) {
  const { principal, requestId } = ctx;
  const now = ctx.clock.now().toISOString();
  return writeVerb(ctx, async (tx) => {
    const row = await visiblePlacement(tx, principal, [], id);
    if (row.status !== "waiting" && row.status !== "allocated")
      throw new Conflict(
        `This placement is ${row.status}, not waiting for confirmation`,
        "placement_not_pending",
      );
    const declined: PlacementRow = {
      ...row,
      status: "declined",
      placeId: null,
      declineReason: input.reason,
      updatedAt: now,
    };
    await tx
      .update(placements)
      .set({ status: "declined", placeId: null, declineReason: input.reason, updatedAt: now })
      .where(eq(placements.id, row.id));
    await recordAudit(tx, {
      principal,
      action: "placement.decline",
      recordType: "placement",
      recordId: row.id,
      requestId,
    });
    return declined;
  });
}
