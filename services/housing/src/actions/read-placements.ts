// Reads of placements, scoped to what the caller may see (domain/access.ts): call-back workers
// their teams' requests, coordinators and housing staff the organisation's. Only housing staff
// are told which place holds a stay (its label and kind, never its address).
import { recordAudit, writeVerb } from "@relais/service-kit";
import {
  listPlacements as listVisible,
  type PlacementFilter,
  type PlacementRow,
  type PlaceSummary,
  placeSummaries,
  visiblePlacement,
} from "../db/placement-store.js";
import type { HousingContext, TeamsContext } from "./context.js";

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

export async function listPlacements(
  ctx: TeamsContext,
  query: { status?: PlacementFilter["status"]; followUp?: "pending"; limit: number; cursor?: string },
) {
  const page = await listVisible(ctx.database.db, ctx.principal, ctx.teams, {
    status: query.status,
    followUpPending: query.followUp === "pending",
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: await showPlacements(ctx, page.items), nextCursor: page.nextCursor };
}

/** One placement the caller may see; the read is audited. */
export async function readPlacement(ctx: TeamsContext, { id }: { id: string }): Promise<ShownPlacement> {
  const row = await visiblePlacement(ctx.database.db, ctx.principal, ctx.teams, id);
  await writeVerb(ctx, (tx) =>
    recordAudit(tx, {
      principal: ctx.principal,
      action: "placement.read",
      recordType: "placement",
      recordId: row.id,
      requestId: ctx.requestId,
    }),
  );
  return showPlacement(ctx, row);
}
