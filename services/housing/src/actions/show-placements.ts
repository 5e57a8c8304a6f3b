// Placements as the caller is shown them: only housing staff are told which place holds a stay
// (its label and kind, never its address).
import { type PlacementRow, type PlaceSummary, placeSummaries } from "../db/placement-store.js";
import type { HousingContext } from "./context.js";

export interface ShownPlacement {
  row: PlacementRow;
  /** The place holding the stay, for housing staff; null for anyone else or no place yet. */
  place: PlaceSummary | null;
  asStaff: boolean;
}

/** Rows as the caller is shown them: with their place for housing staff. */
export async function showPlacements(ctx: HousingContext, rows: PlacementRow[]): Promise<ShownPlacement[]> {
  const asStaff = ctx.principal.roles.includes("housing_staff");
  const summaries = asStaff
    ? await placeSummaries(
        ctx.database.db,
        rows.map((row) => row.placeId),
      )
    : new Map<string, PlaceSummary>();
  return rows.map((row) => ({ row, place: (row.placeId && summaries.get(row.placeId)) || null, asStaff }));
}

export async function showPlacement(ctx: HousingContext, row: PlacementRow): Promise<ShownPlacement> {
  const [shown] = await showPlacements(ctx, [row]);
  return shown!;
}
