// Housing staff confirm a request: on the place held for it, on another place they pick, or on
// the first free one. The check and the hold are one write transaction, like the request's.
// Confirming is what tells the person the address (`housing.placement.confirmed`).
import { enqueue } from "@relais/bus";
import { Conflict, writeVerb } from "@relais/service-kit";
import { placeFacts } from "../db/place-facts.js";
import { placeInOrg } from "../db/place-store.js";
import { changePlacement, PENDING, type PlacementRow, placementIn } from "../db/placement-store.js";
import { choosePlace, refusalOf } from "../domain/allocation.js";
import { addNights, laterDate, localToday, nightsBetween } from "../domain/nights.js";
import { placementConfirmedEvent } from "./confirmed-event.js";
import type { HousingContext } from "./context.js";

const REFUSALS = {
  place_inactive: "This place is not in use",
  household_too_large: "The household does not fit this place",
  place_unavailable: "This place is not available for these nights",
  place_taken: "Another stay holds this place on these nights",
} as const;

export async function confirmPlacement(
  ctx: HousingContext,
  { id, input }: { id: string; input: { placeId?: string } },
): Promise<PlacementRow> {
  const { principal, requestId } = ctx;
  const now = ctx.clock.now();
  const today = localToday(now, ctx.settings.timeZone);
  return writeVerb(ctx, async (tx) => {
    const row = await placementIn(tx, principal, id, PENDING);
    // A request that waited keeps its length and starts tonight.
    const startDate = laterDate(row.startDate, today);
    const plannedEndDate = addNights(startDate, nightsBetween(row.startDate, row.plannedEndDate));
    const wanted = input.placeId ?? row.placeId ?? undefined;
    let placeId: string;
    if (wanted) {
      await placeInOrg(tx, principal.org, wanted);
      const [facts] = await placeFacts(tx, principal.org, { placeId: wanted, except: row.id });
      const refusal = facts
        ? refusalOf(facts, row.householdSize, startDate, plannedEndDate)
        : "place_inactive";
      if (refusal)
        throw new Conflict(REFUSALS[refusal], refusal, [
          { path: "placeId", code: refusal, message: REFUSALS[refusal] },
        ]);
      placeId = wanted;
    } else {
      const chosen = choosePlace(
        await placeFacts(tx, principal.org),
        row.householdSize,
        startDate,
        plannedEndDate,
      );
      if (!chosen) throw new Conflict("No place is free for this household on these nights", "no_place_free");
      placeId = chosen.id;
    }
    const place = await placeInOrg(tx, principal.org, placeId);
    const change = {
      status: "confirmed" as const,
      placeId,
      startDate,
      plannedEndDate,
      confirmedAt: now.toISOString(),
      confirmedBy: principal.sub,
      updatedAt: now.toISOString(),
    };
    const confirmed = await changePlacement(tx, ctx, row, change, "placement.confirm");
    await enqueue(tx, placementConfirmedEvent(ctx, confirmed, place.addressSealed, requestId, now));
    return confirmed;
  });
}
