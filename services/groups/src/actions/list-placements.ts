// Who is waiting to be placed, limited to the kinds of group the caller works with: programme
// staff perpetrator programmes, facilitators the other kinds, coordinators all. Audited.
import type { GroupKind } from "@relais/contracts";
import { audit, decodeCursor, encodeCursor, type Principal } from "@relais/service-kit";
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { z } from "zod";
import { type PlacementStatus, placements } from "../db/schema.js";
import type { ReadCtx } from "./context.js";

const Cursor = z.object({ id: z.string().min(1) });

function kindsFor(principal: Principal): GroupKind[] | undefined {
  if (principal.roles.includes("coordinator")) return undefined;
  const kinds = new Set<GroupKind>();
  if (principal.roles.includes("programme_staff")) kinds.add("perpetrator");
  if (principal.roles.includes("facilitator"))
    for (const k of ["victim_peer", "parent", "children"] as const) kinds.add(k);
  return [...kinds];
}

export async function listPlacements(
  ctx: ReadCtx,
  query: { status: PlacementStatus; kind?: GroupKind; limit: number; cursor?: string },
) {
  const { database, principal, requestId } = ctx;
  const after = decodeCursor(query.cursor, Cursor);
  const kinds = kindsFor(principal);
  const rows = await database.db
    .select()
    .from(placements)
    .where(
      and(
        eq(placements.orgId, principal.org),
        eq(placements.status, query.status),
        kinds ? inArray(placements.groupKind, kinds) : undefined,
        query.kind ? eq(placements.groupKind, query.kind) : undefined,
        after ? gt(placements.id, after.id) : undefined,
      ),
    )
    .orderBy(asc(placements.id))
    .limit(query.limit + 1);
  await database.write((tx) =>
    audit(tx, { principal, requestId }, "placements.read", { type: "placement", id: query.status }),
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      referralId: row.referralId,
      personRef: row.personRef,
      displayName: row.displayName,
      groupKind: row.groupKind,
      language: row.language,
      municipality: row.municipality,
      timeZone: row.timeZone,
      hasMandate: row.mandate !== null,
      status: row.status,
      groupId: row.groupId,
      enrolmentId: row.enrolmentId,
      createdAt: row.createdAt,
      placedAt: row.placedAt,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null,
  };
}
