// What the allocation rule reads: a place, its windows and the nights its stays hold. Read inside
// the write transaction that acts on it.
import type { Executor } from "@relais/db";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { PlaceFacts } from "../domain/allocation.js";
import { placements, places, placeWindows } from "./schema.js";

/** Statuses whose stays hold their place's nights. */
export const HOLDING = ["allocated", "confirmed", "ended"] as const;

export async function placeFacts(
  tx: Executor,
  orgId: string,
  options: { placeId?: string; except?: string } = {},
): Promise<PlaceFacts[]> {
  const rows = await tx
    .select()
    .from(places)
    .where(and(eq(places.orgId, orgId), options.placeId ? eq(places.id, options.placeId) : undefined));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const windows = await tx.select().from(placeWindows).where(inArray(placeWindows.placeId, ids));
  const stays = await tx
    .select({
      id: placements.id,
      placeId: placements.placeId,
      status: placements.status,
      startDate: placements.startDate,
      plannedEndDate: placements.plannedEndDate,
      endDate: placements.endDate,
    })
    .from(placements)
    .where(
      and(
        inArray(placements.placeId, ids),
        inArray(placements.status, [...HOLDING]),
        options.except ? ne(placements.id, options.except) : undefined,
      ),
    );
  return rows.map((place) => ({
    id: place.id,
    capacity: place.capacity,
    active: place.active,
    windows: windows.filter((w) => w.placeId === place.id),
    held: stays
      .filter((s) => s.placeId === place.id)
      .map((s) => ({
        from: s.startDate,
        to: s.status === "ended" ? (s.endDate ?? s.startDate) : s.plannedEndDate,
      })),
  }));
}
