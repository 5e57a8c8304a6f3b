// One grid version, current or older (every assessment names the version it used).
import { NotFound } from "@relais/service-kit";
import { currentGrid, gridVersion } from "../db/criticality-grids.js";
import { type GridView, gridView } from "../domain/grid-view.js";
import type { Ctx } from "./deps.js";
import { auditGridRead } from "./grid-read-audit.js";

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
  await auditGridRead(ctx, String(grid.version));
  return gridView(grid);
}
