// The routing table as coordinators read it, a page of municipalities at a time.
import { decodeCursor, encodeCursor } from "@relais/service-kit";
import { and, asc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { routes } from "../db/schema.js";
import { type RouteView, toViews } from "../domain/route-view.js";
import type { Ctx } from "./deps.js";

const RouteCursor = z.object({ key: z.string() });

export async function listRoutes(
  ctx: Ctx,
  page: { limit: number; cursor?: string },
): Promise<{ items: RouteView[]; nextCursor: string | null }> {
  const { principal } = ctx;
  const after = decodeCursor(page.cursor, RouteCursor);
  // Two rows per municipality (victim, author): fetch enough rows for `limit` municipalities.
  const rows = await ctx.database.db
    .select()
    .from(routes)
    .where(and(eq(routes.orgId, principal.org), after ? gt(routes.municipalityKey, after.key) : undefined))
    .orderBy(asc(routes.municipalityKey), asc(routes.role))
    .limit(page.limit * 2 + 2);
  const keys = [...new Set(rows.map((r) => r.municipalityKey))];
  const pageKeys = new Set(keys.slice(0, page.limit));
  const items = toViews(rows.filter((r) => pageKeys.has(r.municipalityKey)));
  const last = keys[page.limit - 1];
  return { items, nextCursor: keys.length > page.limit && last ? encodeCursor({ key: last }) : null };
}
