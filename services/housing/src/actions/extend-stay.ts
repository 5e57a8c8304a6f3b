// A stay runs longer: the place must be available and free for the added nights.
import { enqueue } from "@relais/bus";
import { createEvent, PlacementExtended } from "@relais/contracts";
import { Conflict, Invalid, recordAudit, writeVerb } from "@relais/service-kit";
import { eq } from "drizzle-orm";
import { placeFacts } from "../db/place-facts.js";
import { type PlacementRow, visiblePlacement } from "../db/placement-store.js";
import { placements } from "../db/schema.js";
import { refusalOf } from "../domain/allocation.js";
import { nightsBetween } from "../domain/nights.js";
import type { HousingContext } from "./context.js";

export async function extendStay(
  ctx: HousingContext,
  { id, input }: { id: string; input: { plannedEndDate: string } },
) {
  const { principal, requestId } = ctx;
  const now = ctx.clock.now();
  return writeVerb(ctx, async (tx) => {
    const row = await visiblePlacement(tx, principal, [], id);
    if (row.status !== "confirmed")
      throw new Conflict(
        `This placement is ${row.status}; only a current stay is extended`,
        "stay_not_current",
      );
    if (input.plannedEndDate <= row.plannedEndDate)
      throw new Invalid("An extension ends later than the stay does now", [
        { path: "plannedEndDate", message: `must be after ${row.plannedEndDate}` },
      ]);
    if (nightsBetween(row.startDate, input.plannedEndDate) > ctx.settings.maxNights)
      throw new Invalid("Too long a stay", [
        { path: "plannedEndDate", message: `a stay lasts at most ${ctx.settings.maxNights} nights` },
      ]);
    const [facts] = await placeFacts(tx, principal.org, { placeId: row.placeId as string, except: row.id });
    const refusal = facts
      ? refusalOf({ ...facts, active: true }, row.householdSize, row.startDate, input.plannedEndDate)
      : "place_unavailable";
    if (refusal)
      throw new Conflict(
        "The place cannot be kept for these nights",
        refusal === "place_taken" ? "place_taken" : "place_unavailable",
        [{ path: "plannedEndDate", message: refusal }],
      );
    const extended: PlacementRow = {
      ...row,
      plannedEndDate: input.plannedEndDate,
      updatedAt: now.toISOString(),
    };
    await tx
      .update(placements)
      .set({ plannedEndDate: input.plannedEndDate, updatedAt: extended.updatedAt })
      .where(eq(placements.id, row.id));
    await enqueue(
      tx,
      createEvent(PlacementExtended, {
        orgId: row.orgId,
        source: "housing",
        correlationId: requestId,
        occurredAt: now,
        data: { placementId: row.id, personRef: row.personRef, plannedEndDate: input.plannedEndDate },
      }),
    );
    await recordAudit(tx, {
      principal,
      action: "placement.extend",
      recordType: "placement",
      recordId: row.id,
      requestId,
    });
    return extended;
  });
}
