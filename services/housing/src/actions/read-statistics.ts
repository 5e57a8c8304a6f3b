// Reads the organisation's stays, windows, requests and exits of the period as the facts the
// statistics count; no person reference, place or address leaves this function.
import type { Database } from "@relais/db";
import type { Caller } from "@relais/service-kit";
import { periodDates, type StatisticsInput } from "@relais/statistics";
import { inPeriod } from "@relais/statistics/queries";
import { and, eq, gte, inArray, lt } from "drizzle-orm";
import type * as schema from "../db/schema.js";
import { placements, places, placeWindows } from "../db/schema.js";
import { housingStatistics } from "../domain/statistics.js";

export async function readStatistics(
  ctx: { database: Database<typeof schema> } & Caller,
  { query, settings, period }: StatisticsInput<"month">,
) {
  const db = ctx.database.db;
  const org = ctx.principal.org;
  // Dates of the period's nights: the first of `from` to the first of the month after `to`.
  const { first: firstNight, afterLast } = periodDates(query.from, query.to);
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
    .where(and(eq(placements.orgId, org), inPeriod(placements.createdAt, period)));
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
        inPeriod(placements.endDate, { start: firstNight, end: afterLast }),
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
