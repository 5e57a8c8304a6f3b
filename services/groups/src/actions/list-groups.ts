import type { GroupKind, Language } from "@relais/contracts";
import { decodeCursor, encodeCursor } from "@relais/service-kit";
import { and, asc, eq, exists, gt, or } from "drizzle-orm";
import { z } from "zod";
import { type GroupRecord, toGroupRecord } from "../db/group-store.js";
import { type GroupSummary, groupSummaries } from "../db/group-summaries.js";
import { groupFacilitators, groups } from "../db/schema.js";
import type { Ctx } from "./context.js";

export interface GroupFilter {
  kind?: GroupKind;
  language?: Language;
  municipality?: string;
  facilitator?: string;
  limit: number;
  cursor?: string;
}

const Cursor = z.object({ id: z.string().min(1) });

export interface GroupPage {
  items: { group: GroupRecord; summary: GroupSummary }[];
  nextCursor: string | null;
}

/**
 * Groups the caller may see, oldest first (ids are UUIDv7), filtered as asked, each with its
 * seats and next session.
 */
export async function listGroups(ctx: Ctx, filter: GroupFilter): Promise<GroupPage> {
  const { principal } = ctx;
  const { db } = ctx.database;
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
  const page = rows.slice(0, filter.limit).map(toGroupRecord);
  const summaries = await groupSummaries(
    db,
    page.map((g) => g.id),
    ctx.clock.now(),
  );
  const items = page.map((group) => ({ group, summary: summaries.get(group.id)! }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor({ id: last.id }) : null };
}
