// Which place a household gets: pure, given the places, their windows and the stays that hold
// them. The caller runs it inside the write transaction that records the choice, so the facts it
// reads are the facts it writes against (two requests never get the same place).
import { overlaps } from "./nights.js";

export interface PlaceFacts {
  id: string;
  capacity: number;
  active: boolean;
  windows: ReadonlyArray<{ startsOn: string; endsOn: string }>;
  /** Nights already given: allocated, confirmed or ended stays (ended ones up to their exit). */
  held: ReadonlyArray<{ from: string; to: string }>;
}

export type PlaceRefusal = "place_inactive" | "household_too_large" | "place_unavailable" | "place_taken";

/** Why `place` cannot take this household for `[from, to)`, or null when it can. */
export function refusalOf(
  place: PlaceFacts,
  householdSize: number,
  from: string,
  to: string,
): PlaceRefusal | null {
  if (!place.active) return "place_inactive";
  if (householdSize > place.capacity) return "household_too_large";
  // The whole stay inside one window: a place is offered for a stretch of nights, not piecemeal.
  if (!place.windows.some((w) => w.startsOn <= from && to <= w.endsOn)) return "place_unavailable";
  if (place.held.some((h) => overlaps(h.from, h.to, from, to))) return "place_taken";
  return null;
}

/**
 * The place to give: among those that can take the household, the smallest that fits (a family
 * flat is kept for a family), then the oldest (ids are UUIDv7). Null when none can.
 */
export function choosePlace(
  places: readonly PlaceFacts[],
  householdSize: number,
  from: string,
  to: string,
): PlaceFacts | null {
  const fitting = places.filter((p) => refusalOf(p, householdSize, from, to) === null);
  fitting.sort((a, b) => a.capacity - b.capacity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return fitting[0] ?? null;
}
