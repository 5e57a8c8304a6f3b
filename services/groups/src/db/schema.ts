import type { AttendanceStatus, GroupKind, Language, PersonRole } from "@relais/contracts";
import { authored, orgRecord } from "@relais/db";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export { deadLetters, inbox, outbox } from "@relais/bus";
export { auditLog, idempotencyKeys } from "@relais/service-kit";

// Each text column that holds one of a fixed set of values says which, so a row read is already
// typed (`$type` is TypeScript only: the column and its migration are unchanged).
export type EnrolmentStatus = "waitlisted" | "enrolled" | "completed" | "withdrawn" | "excluded";
export type EnrolmentSource = "direct" | "placement";
export type Admission = "closed" | "rolling";
export type SessionStatus = "scheduled" | "moved" | "cancelled";
export type CheckInStatus = "open" | "done" | "void";
export type PlacementStatus = "awaiting" | "placed";

/** Victim and author of one referral: never placed together (DESIGN.md, groups). */
export const separations = sqliteTable(
  "separations",
  {
    orgId: text("org_id").notNull(),
    personRef: text("person_ref").notNull(),
    otherPersonRef: text("other_person_ref").notNull(),
    referralId: text("referral_id").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.personRef, t.otherPersonRef] }), index("separations_org").on(t.orgId)],
);

/**
 * Everyone a referral names, with their role in it: their referral, not staff, decides how they
 * are reached, and the role decides which kinds of group they may join (`groupKindFits`).
 */
export const referredPersons = sqliteTable(
  "referred_persons",
  {
    personRef: text("person_ref").primaryKey(),
    orgId: text("org_id").notNull(),
    role: text("role").notNull().$type<PersonRole>(),
    referralId: text("referral_id").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("referred_persons_org").on(t.orgId)],
);

export const groups = sqliteTable(
  "groups",
  {
    ...orgRecord(),
    kind: text("kind").notNull().$type<GroupKind>(),
    publicName: text("public_name").notNull(),
    language: text("language").notNull().$type<Language>(),
    municipality: text("municipality").notNull(),
    /** JSON `Location`. */
    location: text("location").notNull(),
    /** Lower-cased, whitespace-collapsed venue address; null for online groups. Separation compares it. */
    venueKey: text("venue_key"),
    capacity: integer("capacity").notNull(),
    admission: text("admission").notNull().$type<Admission>(),
    /** JSON array of `{ sub, displayName?, email? }`; `group_facilitators` indexes the subs. */
    facilitators: text("facilitators").notNull(),
    /** JSON `CompliancePolicy`; perpetrator groups only. */
    compliancePolicy: text("compliance_policy"),
    timeZone: text("time_zone").notNull(),
    dtstart: text("dtstart").notNull(),
    rrule: text("rrule").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    /** SEQUENCE of the series: bumped on every change to it or one of its sessions. */
    sequence: integer("sequence").notNull(),
    ...authored(),
  },
  (t) => [index("groups_org_kind").on(t.orgId, t.kind), index("groups_venue").on(t.orgId, t.venueKey)],
);

export const groupFacilitators = sqliteTable(
  "group_facilitators",
  {
    groupId: text("group_id").notNull(),
    sub: text("sub").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.sub] }), index("group_facilitators_sub").on(t.sub)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    ...orgRecord(),
    groupId: text("group_id").notNull(),
    /** UTC ISO instants: they sort as text. */
    originalStartsAt: text("original_starts_at").notNull(),
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
    status: text("status").notNull().$type<SessionStatus>(),
    cancelReason: text("cancel_reason"),
  },
  (t) => [index("sessions_group_start").on(t.groupId, t.startsAt)],
);

export const enrolments = sqliteTable(
  "enrolments",
  {
    ...orgRecord(),
    groupId: text("group_id").notNull(),
    personRef: text("person_ref").notNull(),
    displayName: text("display_name"),
    language: text("language").notNull().$type<Language>(),
    // No contact details: those of a direct enrolment go to notifications sealed in the event.
    status: text("status").notNull().$type<EnrolmentStatus>(),
    reason: text("reason"),
    /** Arrival order within the group: the waitlist is served by it. */
    seq: integer("seq").notNull(),
    source: text("source").notNull().$type<EnrolmentSource>(),
    referralId: text("referral_id"),
    /** JSON `Mandate`, perpetrator programmes only. */
    mandate: text("mandate"),
    createdAt: text("created_at").notNull(),
    enrolledAt: text("enrolled_at"),
    endedAt: text("ended_at"),
  },
  (t) => [
    index("enrolments_group_status").on(t.groupId, t.status, t.seq),
    index("enrolments_person").on(t.orgId, t.personRef),
  ],
);

export const attendance = sqliteTable(
  "attendance",
  {
    sessionId: text("session_id").notNull(),
    enrolmentId: text("enrolment_id").notNull(),
    orgId: text("org_id").notNull(),
    status: text("status").notNull().$type<AttendanceStatus>(),
    note: text("note"),
    recordedBy: text("recorded_by").notNull(),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.enrolmentId] }),
    index("attendance_enrolment").on(t.enrolmentId),
  ],
);

/** Compliance steps currently in breach: a row means its event was emitted; a correction deletes it. */
export const complianceBreaches = sqliteTable(
  "compliance_breaches",
  {
    enrolmentId: text("enrolment_id").notNull(),
    stepKind: text("step_kind").notNull(),
    threshold: real("threshold").notNull(),
    firedAt: text("fired_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.enrolmentId, t.stepKind] })],
);

/** A victim missed a victim-group session: the facilitator should check in on their safety. */
export const safetyCheckIns = sqliteTable(
  "safety_check_ins",
  {
    ...orgRecord(),
    groupId: text("group_id").notNull(),
    sessionId: text("session_id").notNull(),
    enrolmentId: text("enrolment_id").notNull(),
    status: text("status").notNull().$type<CheckInStatus>(),
    createdAt: text("created_at").notNull(),
    resolvedAt: text("resolved_at"),
    resolvedBy: text("resolved_by"),
  },
  (t) => [
    uniqueIndex("safety_check_ins_once").on(t.sessionId, t.enrolmentId),
    index("safety_check_ins_group").on(t.groupId, t.status),
  ],
);

/** People referrals asked a group place for, and what became of the request. */
export const placements = sqliteTable(
  "placements",
  {
    ...orgRecord(),
    referralId: text("referral_id").notNull(),
    personRef: text("person_ref").notNull(),
    role: text("role").notNull().$type<PersonRole>(),
    displayName: text("display_name"),
    groupKind: text("group_kind").notNull().$type<GroupKind>(),
    language: text("language").notNull().$type<Language>(),
    municipality: text("municipality").notNull(),
    timeZone: text("time_zone").notNull(),
    mandate: text("mandate"),
    status: text("status").notNull().$type<PlacementStatus>(),
    groupId: text("group_id"),
    enrolmentId: text("enrolment_id"),
    createdAt: text("created_at").notNull(),
    placedAt: text("placed_at"),
  },
  (t) => [index("placements_org_status").on(t.orgId, t.status, t.createdAt)],
);
