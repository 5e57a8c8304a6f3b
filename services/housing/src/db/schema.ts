import { authored, orgRecord, timestamps } from "@relais/db";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export { deadLetters, inbox, outbox } from "@relais/bus";
export { auditLog, idempotencyKeys, teamTasks } from "@relais/service-kit";

/** An emergency place of the housing partner. Its address is sealed with DATA_KEY, always. */
export const places = sqliteTable(
  "places",
  {
    ...orgRecord(),
    kind: text("kind", { enum: ["hotel_room", "apartment", "shelter_room"] }).notNull(),
    /** What staff call it among themselves ("Studio 2"); never the address. */
    label: text("label").notNull(),
    addressSealed: text("address_sealed").notNull(),
    /** Persons it sleeps; one household at a time. */
    capacity: integer("capacity").notNull(),
    active: integer("active", { mode: "boolean" }).notNull(),
    ...authored(),
  },
  (t) => [index("places_org").on(t.orgId, t.id)],
);

/** Nights a place can be given: `[startsOn, endsOn)`, local dates in the service's zone. */
export const placeWindows = sqliteTable(
  "place_windows",
  {
    ...orgRecord(),
    placeId: text("place_id").notNull(),
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on").notNull(),
  },
  (t) => [index("place_windows_place").on(t.placeId, t.startsOn)],
);

/**
 * One request for a place, and the stay it becomes: `waiting` (no place yet) → `allocated` (a place
 * held, housing staff to confirm) → `confirmed` (the person is told the address) → `ended` (exit,
 * then the follow-up); or `declined`.
 */
export const placements = sqliteTable(
  "placements",
  {
    ...orgRecord(),
    personRef: text("person_ref").notNull(),
    referralId: text("referral_id"),
    taskId: text("task_id"),
    /** The requesting call-back team: it sees the request and the follow-up. Null for coordinators. */
    team: text("team"),
    requestedBy: text("requested_by").notNull(),
    householdSize: integer("household_size").notNull(),
    riskLevel: text("risk_level", { enum: ["high", "medium", "low"] }).notNull(),
    language: text("language", { enum: ["fr", "nl", "en"] }),
    status: text("status", { enum: ["waiting", "allocated", "confirmed", "ended", "declined"] }).notNull(),
    placeId: text("place_id"),
    timeZone: text("time_zone").notNull(),
    startDate: text("start_date").notNull(),
    plannedEndDate: text("planned_end_date").notNull(),
    confirmedAt: text("confirmed_at"),
    confirmedBy: text("confirmed_by"),
    declineReason: text("decline_reason"),
    exit: text("exit", { enum: ["durable_housing", "back_home", "elsewhere", "unknown"] }),
    endDate: text("end_date"),
    followUpDue: text("follow_up_due"),
    followUpOutcome: text("follow_up_outcome", {
      enum: ["durable_housing", "still_searching", "back_in_emergency", "lost_contact"],
    }),
    followUpAt: text("follow_up_at"),
    ...timestamps(),
  },
  (t) => [
    index("placements_org").on(t.orgId, t.id),
    index("placements_place").on(t.placeId, t.status),
    index("placements_team").on(t.orgId, t.team),
  ],
);
