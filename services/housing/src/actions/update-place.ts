// Housing staff change a place: its label, capacity or whether it is in use. A place cannot
// shrink below a household it holds now or later, nor be taken out of use under one: that stay
// would lose its bed without anyone deciding so.
import { audit, Conflict, writeVerb } from "@relais/service-kit";
import { and, eq, gt, inArray } from "drizzle-orm";
import { placeInOrg } from "../db/place-store.js";
import { placements, places } from "../db/schema.js";
import { localToday } from "../domain/nights.js";
import type { HousingContext } from "./context.js";

export interface PlacePatch {
  label?: string;
  capacity?: number;
  active?: boolean;
}

export async function updatePlace(ctx: HousingContext, { id, patch }: { id: string; patch: PlacePatch }) {
  const { principal } = ctx;
  const today = localToday(ctx.clock.now(), ctx.settings.timeZone);
  return writeVerb(ctx, async (tx) => {
    await placeInOrg(tx, principal.org, id);
    const held = await tx
      .select({ householdSize: placements.householdSize })
      .from(placements)
      .where(
        and(
          eq(placements.placeId, id),
          inArray(placements.status, ["allocated", "confirmed"]),
          gt(placements.plannedEndDate, today),
        ),
      );
    if (patch.active === false && held.length > 0)
      throw new Conflict("A stay holds this place; end or move it first", "place_holds_stay", [
        { path: "active", code: "place_in_use", message: "a current or coming stay holds the place" },
      ]);
    const largest = Math.max(0, ...held.map((h) => h.householdSize));
    if (patch.capacity !== undefined && patch.capacity < largest)
      throw new Conflict(`A household of ${largest} holds this place`, "place_holds_stay", [
        {
          path: "capacity",
          code: "too_small",
          params: { minimum: largest },
          message: `must be at least ${largest}`,
        },
      ]);
    await tx
      .update(places)
      .set({ ...patch, updatedAt: ctx.clock.now().toISOString() })
      .where(eq(places.id, id));
    await audit(tx, ctx, "place.update", { type: "place", id });
  });
}
