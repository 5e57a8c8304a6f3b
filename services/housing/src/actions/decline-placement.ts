// Housing staff turn a request down (no suitable place, the person is housed elsewhere): a held
// place is freed. A confirmed stay is ended, not declined.
import { writeVerb } from "@relais/service-kit";
import { changePlacement, PENDING, placementIn } from "../db/placement-store.js";
import type { HousingContext } from "./context.js";

export async function declinePlacement(
  ctx: HousingContext,
  { id, input }: { id: string; input: { reason: string } },
) {
  const { principal } = ctx;
  const now = ctx.clock.now().toISOString();
  return writeVerb(ctx, async (tx) => {
    const row = await placementIn(tx, principal, id, PENDING);
    const change = {
      status: "declined" as const,
      placeId: null,
      declineReason: input.reason,
      updatedAt: now,
    };
    return changePlacement(tx, ctx, row, change, "placement.decline");
  });
}
