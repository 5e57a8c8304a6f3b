// Call-back workers, facilitators, programme staff and coordinators search the directory by
// municipality, category and language; a page at a time, by name.
import { type Caller, decodeCursor, encodeCursor } from "@relais/service-kit";
import { and, asc, eq, gt, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { PartnerRow } from "../db/directory.js";
import { directoryPartnerMunicipalities, directoryPartners } from "../db/schema.js";
import type { PartnerQuery } from "../domain/directory-input.js";
import { municipalityKey } from "../domain/routing.js";
import type { Deps } from "./deps.js";

const PartnerCursor = z.object({ key: z.string(), id: z.string() });

export async function searchPartners(
  ctx: Pick<Deps, "database"> & Caller,
  { query }: { query: PartnerQuery },
): Promise<{ items: PartnerRow[]; nextCursor: string | null }> {
  const org = ctx.principal.org;
  const after = decodeCursor(query.cursor, PartnerCursor);
  const p = directoryPartners;
  const serving = query.municipality
    ? ctx.database.db
        .select({ id: directoryPartnerMunicipalities.partnerId })
        .from(directoryPartnerMunicipalities)
        .where(
          and(
            eq(directoryPartnerMunicipalities.orgId, org),
            eq(directoryPartnerMunicipalities.municipalityKey, municipalityKey(query.municipality)),
          ),
        )
    : undefined;
  const rows = await ctx.database.db
    .select()
    .from(p)
    .where(
      and(
        eq(p.orgId, org),
        query.archived === "exclude" ? isNull(p.archivedAt) : undefined,
        query.archived === "only" ? isNotNull(p.archivedAt) : undefined,
        query.category ? eq(p.category, query.category) : undefined,
        query.language
          ? sql`exists (select 1 from json_each(${p.languages}) where value = ${query.language})`
          : undefined,
        serving ? inArray(p.id, serving) : undefined,
        after ? or(gt(p.sortKey, after.key), and(eq(p.sortKey, after.key), gt(p.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(p.sortKey), asc(p.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ key: last.sortKey, id: last.id }) : null,
  };
}
