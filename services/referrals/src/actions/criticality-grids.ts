// Grid versions as coordinators publish them and everyone who fills a grid reads them. A published
// version never changes: a new definition is a new version, the older ones stay readable.
import { Conflict, NotFound, type Principal, recordAudit, writeVerb } from "@relais/service-kit";
import { desc, eq, max } from "drizzle-orm";
import { currentGrid, gridVersion, type StoredGrid } from "../db/criticality-grids.js";
import { criticalityGrids } from "../db/schema.js";
import { type GridDefinition, maxScore } from "../domain/criticality.js";
import type { Ctx, Deps } from "./deps.js";

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

async function auditRead(
  deps: Pick<Deps, "database" | "clock">,
  principal: Principal,
  recordId: string,
  requestId: string,
) {
  await deps.database.write((tx) =>
    recordAudit(tx, {
      principal,
      action: "criticality_grid.read",
      recordType: "criticality_grid",
      recordId,
      requestId,
      at: deps.clock.now(),
    }),
  );
}

export async function listGrids(
  deps: Pick<Deps, "database" | "clock">,
  principal: Principal,
  requestId: string,
) {
  const rows = await deps.database.db
    .select({
      version: criticalityGrids.version,
      title: criticalityGrids.title,
      publishedAt: criticalityGrids.publishedAt,
      publishedBy: criticalityGrids.publishedBy,
    })
    .from(criticalityGrids)
    .where(eq(criticalityGrids.orgId, principal.org))
    .orderBy(desc(criticalityGrids.version));
  await auditRead(deps, principal, "-", requestId);
  return rows.map((row, i) => ({ ...row, current: i === 0 }));
}

/** The current version, or the one asked for; 404 when the organisation has no such version. */
export async function readGrid(
  deps: Pick<Deps, "database" | "clock">,
  principal: Principal,
  version: number | "current",
  requestId: string,
): Promise<GridView> {
  const grid =
    version === "current"
      ? await currentGrid(deps.database.db, principal.org)
      : await gridVersion(deps.database.db, principal.org, version);
  if (!grid) {
    throw new NotFound(
      version === "current" ? "Your organisation has no criticality grid yet" : "No grid with this version",
    );
  }
  await auditRead(deps, principal, String(grid.version), requestId);
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
