// Reads the organisation's stays, windows, requests and exits of the period as the facts the
// statistics count; no person reference, place or address leaves this function.
import type { Database } from "@relais/db";
import type { Principal } from "@relais/service-kit";
import { periodBounds, type StatisticsSettings } from "@relais/statistics";
import { and, eq, gte, inArray, lt } from "drizzle-orm";
import type * as schema from "../db/schema.js";
import { placements, places, placeWindows } from "../db/schema.js";
import { housingStatistics } from "../domain/statistics.js";

export async function readStatistics(
  deps: { database: Database<typeof schema> },
  principal: Principal,
  query: { from: string; to: string; by: "month" },
  settings: StatisticsSettings,
) {
  const db = deps.database.db;
  const org = principal.org;
  const { start, end } = periodBounds(query.from, query.to, settings.timeZone);
  // Dates of the period's nights: the first of `from` to the first of the month after `to`.
  const firstNight = `${query.from}-01`;
  const [y, m] = query.to.split("-").map(Number) as [number, number];
  const afterLast = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  const stays = await db
    .select({
      placementId: placements.id,
      kind: places.kind,
      status: placements.status,
      from: placements.startDate,
      plannedEnd: placements.plannedEndDate,
      endDate: placements.endDate,
    })
    .from(placements)
    .innerJoin(places, eq(places.id, placements.placeId))
    .where(
      and(
        eq(placements.orgId, org),
        inArray(placements.status, ["confirmed", "ended"]),
        lt(placements.startDate, afterLast),
      ),
    );
  const windows = await db
    .select({ from: placeWindows.startsOn, to: placeWindows.endsOn })
    .from(placeWindows)
    .where(
      and(
        eq(placeWindows.orgId, org),
        lt(placeWindows.startsOn, afterLast),
        gte(placeWindows.endsOn, firstNight),
      ),
    );
  const requests = await db
    .select({
      createdAt: placements.createdAt,
      confirmedAt: placements.confirmedAt,
      status: placements.status,
    })
    .from(placements)
    .where(and(eq(placements.orgId, org), gte(placements.createdAt, start), lt(placements.createdAt, end)));
  const exits = await db
    .select({
      endDate: placements.endDate,
      exit: placements.exit,
      followUpOutcome: placements.followUpOutcome,
    })
    .from(placements)
    .where(
      and(
        eq(placements.orgId, org),
        eq(placements.status, "ended"),
        gte(placements.endDate, firstNight),
        lt(placements.endDate, afterLast),
      ),
    );
  return housingStatistics(
    {
      stays: stays.map((s) => ({
        placementId: s.placementId,
        kind: s.kind,
        from: s.from,
        to: s.status === "ended" ? (s.endDate as string) : s.plannedEnd,
      })),
      windows,
      requests,
      exits: exits.map((e) => ({
        endDate: e.endDate as string,
        exit: e.exit as string,
        followUpOutcome: e.followUpOutcome,
      })),
    },
    query,
    settings,
  );
}
