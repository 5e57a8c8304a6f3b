// Grid versions as coordinators publish them and everyone who fills a grid reads them. A published
// version never changes: a new definition is a new version, the older ones stay readable.
import { Conflict, NotFound, recordAudit, writeVerb } from "@relais/service-kit";
import { desc, eq, max } from "drizzle-orm";
import { currentGrid, gridVersion, type StoredGrid } from "../db/criticality-grids.js";
import { criticalityGrids } from "../db/schema.js";
import { type GridDefinition, maxScore } from "../domain/criticality.js";
import type { Ctx } from "./deps.js";

export interface GridView extends GridDefinition {
  version: number;
  maxScore: number;
  publishedAt: string;
}

export function gridView(grid: StoredGrid): GridView {
  return {
    version: grid.version,
    ...grid.definition,
    maxScore: maxScore(grid.definition),
    publishedAt: grid.publishedAt,
  };
}

async function auditRead(ctx: Ctx, recordId: string) {
  const { principal, requestId } = ctx;
  await ctx.database.write((tx) =>
    recordAudit(tx, {
      principal,
      action: "criticality_grid.read",
      recordType: "criticality_grid",
      recordId,
      requestId,
      at: ctx.clock.now(),
    }),
  );
}

export async function listGrids(ctx: Ctx) {
  const { principal } = ctx;
  const rows = await ctx.database.db
    .select({
      version: criticalityGrids.version,
      title: criticalityGrids.title,
      publishedAt: criticalityGrids.publishedAt,
      publishedBy: criticalityGrids.publishedBy,
    })
    .from(criticalityGrids)
    .where(eq(criticalityGrids.orgId, principal.org))
    .orderBy(desc(criticalityGrids.version));
  await auditRead(ctx, "-");
  return rows.map((row, i) => ({ ...row, current: i === 0 }));
}

/** The current version, or the one asked for; 404 when the organisation has no such version. */
export async function readGrid(ctx: Ctx, { version }: { version: number | "current" }): Promise<GridView> {
  const { principal } = ctx;
  const grid =
    version === "current"
      ? await currentGrid(ctx.database.db, principal.org)
      : await gridVersion(ctx.database.db, principal.org, version);
  if (!grid) {
    throw new NotFound(
      version === "current" ? "Your organisation has no criticality grid yet" : "No grid with this version",
    );
  }
  await auditRead(ctx, String(grid.version));
  return gridView(grid);
}

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
    return gridView({ version, definition, publishedAt: now.toISOString(), publishedBy: principal.sub });
  });
}
