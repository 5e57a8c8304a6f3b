// A page of the placements the caller may see (domain/access.ts): call-back workers their teams'
// requests, coordinators and housing staff the organisation's.
import { listPlacements as listVisible, type PlacementFilter } from "../db/placement-store.js";
import type { TeamsContext } from "./context.js";
import { showPlacements } from "./show-placements.js";

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
