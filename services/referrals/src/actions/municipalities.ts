// The municipalities the routing table knows, for the police intake's suggestions. Names only:
// which team serves a municipality stays the coordinators' business.
import { asc, eq } from "drizzle-orm";
import { routes } from "../db/schema.js";
import { municipalityKey } from "../domain/routing.js";
import type { Ctx } from "./deps.js";

export async function listMunicipalities(ctx: Ctx, query: { q?: string; limit: number }) {
  const { principal } = ctx;
  const rows = await ctx.database.db
    .selectDistinct({ municipality: routes.municipality, key: routes.municipalityKey })
    .from(routes)
    .where(eq(routes.orgId, principal.org))
    .orderBy(asc(routes.municipalityKey));
  const wanted = query.q ? municipalityKey(query.q) : "";
  const seen = new Set<string>();
  const items: string[] = [];
  for (const row of rows) {
    if (seen.has(row.key) || !row.key.startsWith(wanted)) continue;
    seen.add(row.key);
    items.push(row.municipality);
    if (items.length >= query.limit) break;
  }
  return { items };
}
