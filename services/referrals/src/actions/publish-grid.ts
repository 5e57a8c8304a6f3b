// Coordinators publish grid versions. A published version never changes: a new definition is a
// new version, the older ones stay readable.
import { Conflict, recordAudit, writeVerb } from "@relais/service-kit";
import { eq, max } from "drizzle-orm";
import { criticalityGrids } from "../db/schema.js";
import type { GridDefinition } from "../domain/criticality.js";
import { type GridView, gridView } from "../domain/grid-view.js";
import type { Ctx } from "./deps.js";

/** Publishes a definition as the organisation's next version, which becomes the current one. */
export async function publishGrid(ctx: Ctx, definition: GridDefinition): Promise<GridView> {
  const { principal, requestId } = ctx;
  const now = ctx.clock.now();
  return writeVerb(ctx, async (tx, authorised) => {
    await authorised();
    const [latest] = await tx
      .select({ version: max(criticalityGrids.version) })
      .from(criticalityGrids)
      .where(eq(criticalityGrids.orgId, principal.org));
    const version = (latest?.version ?? 0) + 1;
    const inserted = await tx
      .insert(criticalityGrids)
      .values({
        orgId: principal.org,
        version,
        title: definition.title,
        definition: JSON.stringify(definition),
        publishedAt: now.toISOString(),
        publishedBy: principal.sub,
      })
      .onConflictDoNothing()
      .returning({ version: criticalityGrids.version });
    if (inserted.length === 0)
      throw new Conflict("Another version was published at the same time; retry", "grid_version_taken");
    await recordAudit(tx, {
      principal,
      action: "criticality_grid.publish",
      recordType: "criticality_grid",
      recordId: String(version),
      requestId,
      at: now,
    });
    return gridView({ version, definition, publishedAt: now.toISOString() });
  });
}
