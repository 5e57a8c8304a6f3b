// One placement the caller may see (domain/access.ts); the read is audited.
import { recordAudit, writeVerb } from "@relais/service-kit";
import { visiblePlacement } from "../db/placement-store.js";
import type { TeamsContext } from "./context.js";
import { type ShownPlacement, showPlacement } from "./show-placements.js";

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
