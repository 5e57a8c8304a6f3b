// A stay runs longer: the place must be available and free for the added nights.
import { enqueueEvent } from "@relais/bus";
import { PlacementExtended } from "@relais/contracts";
import { Conflict, Invalid, writeVerb } from "@relais/service-kit";
import { placeFacts } from "../db/place-facts.js";
import { changePlacement, placementIn } from "../db/placement-store.js";
import { refusalOf } from "../domain/allocation.js";
import { fromHousing } from "../domain/event-origin.js";
import { nightsBetween } from "../domain/nights.js";
import type { HousingContext } from "./context.js";

export async function extendStay(
  ctx: HousingContext,
  { id, input }: { id: string; input: { plannedEndDate: string } },
) {
  const { principal, requestId } = ctx;
  const now = ctx.clock.now();
  return writeVerb(ctx, async (tx) => {
    const row = await placementIn(tx, principal, id, {
      statuses: ["confirmed"],
      code: "stay_not_current",
      not: "; only a current stay is extended",
    });
    if (input.plannedEndDate <= row.plannedEndDate)
      throw new Invalid("An extension ends later than the stay does now", [
        {
          path: "plannedEndDate",
          code: "later_than",
          params: { date: row.plannedEndDate },
          message: `must be after ${row.plannedEndDate}`,
        },
      ]);
    if (nightsBetween(row.startDate, input.plannedEndDate) > ctx.settings.maxNights)
      throw new Invalid("Too long a stay", [
        {
          path: "plannedEndDate",
          code: "max_nights",
          params: { maximum: ctx.settings.maxNights },
          message: `a stay lasts at most ${ctx.settings.maxNights} nights`,
        },
      ]);
    const [facts] = await placeFacts(tx, principal.org, { placeId: row.placeId as string, except: row.id });
    const refusal = facts
      ? refusalOf({ ...facts, active: true }, row.householdSize, row.startDate, input.plannedEndDate)
      : "place_unavailable";
    if (refusal)
      throw new Conflict(
        "The place cannot be kept for these nights",
        refusal === "place_taken" ? "place_taken" : "place_unavailable",
        [{ path: "plannedEndDate", code: refusal, message: refusal }],
      );
    const change = { plannedEndDate: input.plannedEndDate, updatedAt: now.toISOString() };
    const extended = await changePlacement(tx, ctx, row, change, "placement.extend");
    await enqueueEvent(tx, PlacementExtended, fromHousing(row.orgId, requestId, now), {
      placementId: row.id,
      personRef: row.personRef,
      plannedEndDate: input.plannedEndDate,
    });
    return extended;
  });
}
