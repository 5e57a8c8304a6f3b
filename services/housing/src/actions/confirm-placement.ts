// Housing staff confirm a request: on the place held for it, on another place they pick, or on
// the first free one. The check and the hold are one write transaction, like the request's.
// Confirming is what tells the person the address (`housing.placement.confirmed`).
import { enqueue } from "@relais/bus";
import { Conflict, recordAudit, writeVerb } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { placeFacts } from "../db/place-facts.js";
import { placeInOrg } from "../db/place-store.js";
import { type PlacementRow, visiblePlacement } from "../db/placement-store.js";
import { placements } from "../db/schema.js";
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
    const row = await visiblePlacement(tx, principal, [], id);
    if (row.status !== "waiting" && row.status !== "allocated")
      throw new Conflict(
        `This placement is ${row.status}, not waiting for confirmation`,
        "placement_not_pending",
      );
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
        throw new Conflict(REFUSALS[refusal], refusal, [{ path: "placeId", message: REFUSALS[refusal] }]);
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
    const confirmed: PlacementRow = {
      ...row,
      status: "confirmed",
      placeId,
      startDate,
      plannedEndDate,
      confirmedAt: now.toISOString(),
      confirmedBy: principal.sub,
      updatedAt: now.toISOString(),
    };
    await tx
      .update(placements)
      .set({
        status: "confirmed",
        placeId,
        startDate,
        plannedEndDate,
        confirmedAt: confirmed.confirmedAt,
        confirmedBy: principal.sub,
        updatedAt: confirmed.updatedAt,
      })
      .where(eq(placements.id, row.id));
    await enqueue(tx, placementConfirmedEvent(ctx, confirmed, place.addressSealed, requestId, now));
    await recordAudit(tx, {
      principal,
      action: "placement.confirm",
      recordType: "placement",
      recordId: row.id,
      requestId,
    });
    return confirmed;
  });
}
