// Reads of placements, scoped to what the caller may see (domain/access.ts).
import type { AuditAction, RuleCode } from "@relais/contracts";
import type { Executor } from "@relais/db";
import { audit, Conflict, decodeCursor, encodeCursor, NotFound, type Principal } from "@relais/service-kit";
import { and, asc, eq, gt, inArray, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import { seesEveryPlacement, seesPlacement } from "../domain/access.js";
import { placements, places } from "./schema.js";

export type PlacementRow = typeof placements.$inferSelect;
export type PlaceSummary = Pick<typeof places.$inferSelect, "id" | "label" | "kind">;

/** The placement if the caller may see it; otherwise the same 404 as a missing one. */
export async function visiblePlacement(
  db: Executor,
  principal: Principal,
  teams: readonly string[],
  id: string,
): Promise<PlacementRow> {
  const [row] = await db.select().from(placements).where(eq(placements.id, id));
  if (!row || !seesPlacement(principal, teams, row)) throw new NotFound("No placement with this id");
  return row;
}

/** What confirming or declining a request expects of it. */
export const PENDING = {
  statuses: ["waiting", "allocated"],
  code: "placement_not_pending",
  not: ", not waiting for confirmation",
} as const;

/** A placement housing staff may act on, in one of `statuses`; otherwise a 409 `code` saying why. */
export async function placementIn(
  db: Executor,
  principal: Principal,
  id: string,
  expected: { statuses: ReadonlyArray<PlacementRow["status"]>; code: RuleCode; not: string },
): Promise<PlacementRow> {
  const row = await visiblePlacement(db, principal, [], id);
  if (!expected.statuses.includes(row.status))
    throw new Conflict(`This placement is ${row.status}${expected.not}`, expected.code);
  return row;
}

/** Writes a change to a placement, audited as `action`; the row as it now is. */
export async function changePlacement(
  tx: Executor,
  caller: { principal: Principal; requestId: string },
  row: PlacementRow,
  change: Partial<PlacementRow>,
  action: AuditAction,
): Promise<PlacementRow> {
  await tx.update(placements).set(change).where(eq(placements.id, row.id));
  await audit(tx, caller, action, { type: "placement", id: row.id });
  return { ...row, ...change } as PlacementRow;
}

export async function placeSummaries(
  db: Executor,
  ids: Array<string | null>,
): Promise<Map<string, PlaceSummary>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: places.id, label: places.label, kind: places.kind })
    .from(places)
    .where(inArray(places.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

export interface PlacementFilter {
  status?: Array<PlacementRow["status"]>;
  /** Exited stays whose follow-up is still to record. */
  followUpPending?: boolean;
  limit: number;
  cursor?: string;
}

const Cursor = z.object({ id: z.string().min(1) });

export async function listPlacements(
  db: Executor,
  principal: Principal,
  teams: readonly string[],
  filter: PlacementFilter,
): Promise<{ items: PlacementRow[]; nextCursor: string | null }> {
  const after = decodeCursor(filter.cursor, Cursor);
  let visibility: SQL | undefined;
  if (!seesEveryPlacement(principal)) {
    if (!principal.roles.includes("caseworker") || teams.length === 0) return { items: [], nextCursor: null };
    visibility = inArray(placements.team, [...teams]);
  }
  const rows = await db
    .select()
    .from(placements)
    .where(
      and(
        eq(placements.orgId, principal.org),
        visibility,
        filter.status?.length ? inArray(placements.status, filter.status) : undefined,
        filter.followUpPending
          ? and(eq(placements.status, "ended"), isNull(placements.followUpOutcome))
          : undefined,
        after ? gt(placements.id, after.id) : undefined,
      ),
    )
    .orderBy(asc(placements.id))
    .limit(filter.limit + 1);
  const items = rows.slice(0, filter.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor({ id: last.id }) : null };
}
