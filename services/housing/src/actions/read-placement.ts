// One placement the caller may see (domain/access.ts); the read is audited.
import { audit, writeVerb } from "@relais/service-kit";
import { visiblePlacement } from "../db/placement-store.js";
import type { TeamsContext } from "./context.js";
import { type ShownPlacement, showPlacement } from "./show-placements.js";

export async function readPlacement(ctx: TeamsContext, { id }: { id: string }): Promise<ShownPlacement> {
  const row = await visiblePlacement(ctx.database.db, ctx.principal, ctx.teams, id);
  await writeVerb(ctx, (tx) => audit(tx, ctx, "placement.read", { type: "placement", id: row.id }));
  return showPlacement(ctx, row);
}
