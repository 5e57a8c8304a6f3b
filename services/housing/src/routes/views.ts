// The answers' shapes. No view carries an address: it has one route of its own, audited.
import { z } from "@hono/zod-openapi";
import { LocalDate, PersonRef, PlaceKind, RiskLevel, StayExit } from "@relais/contracts";
import type { placements, places } from "../db/schema.js";
import { FollowUpOutcome } from "../domain/follow-up.js";

export const IdParam = z.object({ id: z.string().min(1).max(100) });

export const Window = z
  .object({ startsOn: LocalDate, endsOn: LocalDate })
  .openapi({ description: "Nights from `startsOn` to the morning of `endsOn`, dates in the service's zone" });

export const PlaceView = z.object({
  id: z.string(),
  kind: PlaceKind,
  label: z.string(),
  capacity: z.number().int(),
  active: z.boolean(),
  windows: z.array(Window),
  /** The stays that hold its nights now or later: ids and dates only. */
  stays: z.array(z.object({ placementId: z.string(), status: z.string(), from: LocalDate, to: LocalDate })),
  createdAt: z.string(),
});
export type PlaceView = z.infer<typeof PlaceView>;

export const AddressView = z.object({ placeId: z.string(), address: z.string() });

export const PlacementStatus = z.enum(["waiting", "allocated", "confirmed", "ended", "declined"]);

export const PlacementView = z.object({
  id: z.string(),
  personRef: PersonRef,
  referralId: z.string().nullable(),
  taskId: z.string().nullable(),
  team: z.string().nullable(),
  householdSize: z.number().int(),
  riskLevel: RiskLevel,
  status: PlacementStatus,
  /** Whether a place is held or given; which one only housing staff see. */
  placeAllocated: z.boolean(),
  /** Housing staff only: the place's id, label and kind. */
  place: z.object({ id: z.string(), label: z.string(), kind: PlaceKind }).nullable().optional(),
  timeZone: z.string(),
  startDate: LocalDate,
  plannedEndDate: LocalDate,
  confirmedAt: z.string().nullable(),
  declineReason: z.string().nullable().optional(),
  exit: StayExit.nullable(),
  endDate: LocalDate.nullable(),
  followUpDue: LocalDate.nullable(),
  followUpOutcome: FollowUpOutcome.nullable(),
  createdAt: z.string(),
});
export type PlacementView = z.infer<typeof PlacementView>;

type PlacementRow = typeof placements.$inferSelect;
type PlaceRow = typeof places.$inferSelect;

export function toPlacementView(
  row: PlacementRow,
  place: Pick<PlaceRow, "id" | "label" | "kind"> | null | undefined,
  asHousingStaff: boolean,
): PlacementView {
  return {
    id: row.id,
    personRef: row.personRef,
    referralId: row.referralId,
    taskId: row.taskId,
    team: row.team,
    householdSize: row.householdSize,
    riskLevel: row.riskLevel,
    status: row.status,
    placeAllocated: row.placeId !== null,
    ...(asHousingStaff
      ? {
          place: place ? { id: place.id, label: place.label, kind: place.kind } : null,
          declineReason: row.declineReason,
        }
      : {}),
    timeZone: row.timeZone,
    startDate: row.startDate,
    plannedEndDate: row.plannedEndDate,
    confirmedAt: row.confirmedAt,
    exit: row.exit,
    endDate: row.endDate,
    followUpDue: row.followUpDue,
    followUpOutcome: row.followUpOutcome,
    createdAt: row.createdAt,
  };
}
