import type { GroupKind, Language } from "@relais/contracts";
import type { Executor } from "@relais/db";
import { decodeCursor, encodeCursor, type Principal } from "@relais/service-kit";
import { and, asc, eq, exists, gt, or } from "drizzle-orm";
import { z } from "zod";
import { type GroupRecord, toGroupRecord } from "../db/group-store.js";
import { groupFacilitators, groups } from "../db/schema.js";

export interface GroupFilter {
  kind?: GroupKind;
  language?: Language;
  municipality?: string;
  facilitator?: string;
  limit: number;
  cursor?: string;
}

const Cursor = z.object({ id: z.string().min(1) });

/** Groups the caller may see, oldest first (ids are UUIDv7), filtered as asked. */
export async function listGroups(
  db: Executor,
  principal: Principal,
  filter: GroupFilter,
): Promise<{ items: GroupRecord[]; nextCursor: string | null }> {
  const after = decodeCursor(filter.cursor, Cursor);
  const facilitates = (sub: string) =>
    exists(
      db
        .select({ one: groupFacilitators.sub })
        .from(groupFacilitators)
        .where(and(eq(groupFacilitators.groupId, groups.id), eq(groupFacilitators.sub, sub))),
    );
  const grants = [
    principal.roles.includes("programme_staff") ? eq(groups.kind, "perpetrator") : undefined,
    principal.roles.includes("facilitator") ? facilitates(principal.sub) : undefined,
  ].filter((grant) => grant !== undefined);
  const coordinator = principal.roles.includes("coordinator");
  // `or()` of nothing is no condition at all: a caller with no grant must see nothing, not everything.
  if (!coordinator && grants.length === 0) return { items: [], nextCursor: null };
  const visibility = coordinator ? undefined : or(...grants);
  const rows = await db
    .select()
    .from(groups)
    .where(
      and(
        eq(groups.orgId, principal.org),
        visibility,
        filter.kind ? eq(groups.kind, filter.kind) : undefined,
        filter.language ? eq(groups.language, filter.language) : undefined,
        filter.municipality ? eq(groups.municipality, filter.municipality) : undefined,
        filter.facilitator ? facilitates(filter.facilitator) : undefined,
        after ? gt(groups.id, after.id) : undefined,
      ),
    )
    .orderBy(asc(groups.id))
    .limit(filter.limit + 1);
  const items = rows.slice(0, filter.limit).map(toGroupRecord);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor({ id: last.id }) : null };
}
