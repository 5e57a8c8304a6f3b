// The organisation's grid versions, newest (the current one) first.
import { desc, eq } from "drizzle-orm";
import { criticalityGrids } from "../db/schema.js";
import type { Ctx } from "./deps.js";
import { auditGridRead } from "./grid-read-audit.js";

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
  await auditGridRead(ctx, "-");
  return rows.map((row, i) => ({ ...row, current: i === 0 }));
}
