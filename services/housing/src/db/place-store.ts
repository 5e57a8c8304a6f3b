// Reads of places for housing staff: the place, its windows and the stays that hold it from a
// given night on. Never the address.
import { type Executor, rowByParams } from "@relais/db";
import { NotFound } from "@relais/service-kit";
import { and, asc, eq, gt, inArray, or } from "drizzle-orm";
import { HOLDING } from "./place-facts.js";
import { placements, places, placeWindows } from "./schema.js";

export type PlaceRow = typeof places.$inferSelect;
export type WindowRow = typeof placeWindows.$inferSelect;

export interface PlaceRecord {
  place: PlaceRow;
  windows: WindowRow[];
  stays: Array<{ placementId: string; status: string; from: string; to: string }>;
}

export async function placeInOrg(db: Executor, orgId: string, id: string): Promise<PlaceRow> {
  const row = await rowByParams(db, "housing.placeInOrg", places, { orgId, id });
  if (!row) throw new NotFound("No place with this id");
  return row;
}

/** The places with their windows ending after `today` and the stays not over by then. */
export async function placeRecords(db: Executor, rows: PlaceRow[], today: string): Promise<PlaceRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const windows = await db
    .select()
    .from(placeWindows)
    .where(and(inArray(placeWindows.placeId, ids), gt(placeWindows.endsOn, today)))
    .orderBy(asc(placeWindows.startsOn));
  const stays = await db
    .select()
    .from(placements)
    .where(
      and(
        inArray(placements.placeId, ids),
        inArray(placements.status, [...HOLDING]),
        or(
          and(inArray(placements.status, ["allocated", "confirmed"]), gt(placements.plannedEndDate, today)),
          and(eq(placements.status, "ended"), gt(placements.endDate, today)),
        ),
      ),
    )
    .orderBy(asc(placements.startDate));
  return rows.map((place) => ({
    place,
    windows: windows.filter((w) => w.placeId === place.id),
    stays: stays
      .filter((s) => s.placeId === place.id)
      .map((s) => ({
        placementId: s.id,
        status: s.status,
        from: s.startDate,
        to: s.status === "ended" ? (s.endDate as string) : s.plannedEndDate,
      })),
  }));
}

export function toPlaceView(record: PlaceRecord) {
  const { place } = record;
  return {
    id: place.id,
    kind: place.kind,
    label: place.label,
    capacity: place.capacity,
    active: place.active,
    windows: record.windows.map((w) => ({ startsOn: w.startsOn, endsOn: w.endsOn })),
    stays: record.stays,
    createdAt: place.createdAt,
  };
}
