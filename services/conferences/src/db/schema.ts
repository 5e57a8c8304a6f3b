import { authored, orgRecord, timestamps } from "@relais/db";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export { deadLetters, inbox, outbox } from "@relais/bus";
export { auditLog, idempotencyKeys } from "@relais/service-kit";

/**
 * What the service knows of a referral, from `referrals.referral.received`: enough to put it on an
 * agenda (its id, organisation, zone, municipality and risk level), never its persons or notes.
 */
export const referralIndex = sqliteTable(
  "referral_index",
  {
    referralId: text("referral_id").primaryKey(),
    orgId: text("org_id").notNull(),
    policeZone: text("police_zone").notNull(),
    municipality: text("municipality").notNull(),
    riskLevel: text("risk_level", { enum: ["high", "medium", "low"] }).notNull(),
    receivedAt: text("received_at").notNull(),
  },
  (t) => [index("referral_index_org").on(t.orgId, t.receivedAt)],
);

export const conferences = sqliteTable(
  "conferences",
  {
    ...orgRecord(),
    title: text("title").notNull(),
    policeZone: text("police_zone").notNull(),
    municipality: text("municipality").notNull(),
    /** A meeting room or an online link: organisational. */
    location: text("location"),
    timeZone: text("time_zone").notNull(),
    /** Local wall-clock start of the first meeting, `yyyy-MM-ddTHH:mm:ss`. */
    dtstart: text("dtstart").notNull(),
    /** Canonical RRULE value; null for a one-off conference. */
    rrule: text("rrule"),
    durationMinutes: integer("duration_minutes").notNull(),
    /** UTC instants of the first and last meeting: lists sort and filter by them. */
    firstStartsAt: text("first_starts_at").notNull(),
    lastStartsAt: text("last_starts_at").notNull(),
    status: text("status", { enum: ["scheduled", "cancelled"] }).notNull(),
    /** SEQUENCE of every invitee's calendar: bumped on each change they are told of. */
    sequence: integer("sequence").notNull(),
    ...authored(),
  },
  (t) => [index("conferences_org_start").on(t.orgId, t.firstStartsAt)],
);

export const invitees = sqliteTable(
  "invitees",
  {
    id: text("id").primaryKey(),
    conferenceId: text("conference_id").notNull(),
    /** The invited organisation (token `org`) and role; police invitees also have their zone. */
    organisation: text("organisation").notNull(),
    organisationName: text("organisation_name").notNull(),
    role: text("role", { enum: ["partner", "police"] }).notNull(),
    zone: text("zone"),
    /** The organisational e-mail address, sealed with DATA_KEY. */
    emailSealed: text("email_sealed").notNull(),
    language: text("language", { enum: ["fr", "nl", "en"] }).notNull(),
    status: text("status", { enum: ["invited", "removed"] }).notNull(),
    addedAt: text("added_at").notNull(),
  },
  (t) => [
    index("invitees_conference").on(t.conferenceId),
    index("invitees_organisation").on(t.organisation, t.role),
  ],
);

export const agendaItems = sqliteTable(
  "agenda_items",
  {
    id: text("id").primaryKey(),
    conferenceId: text("conference_id").notNull(),
    referralId: text("referral_id").notNull(),
    position: integer("position").notNull(),
    /** The minimal shared summary written for the conference (never the case notes), sealed. */
    summarySealed: text("summary_sealed").notNull(),
    /** The question put to the partners, sealed. */
    questionSealed: text("question_sealed").notNull(),
    riskLevel: text("risk_level", { enum: ["high", "medium", "low"] }).notNull(),
    /** Confidential items are seen only by the invitees listed in `item_audience`. */
    confidential: integer("confidential", { mode: "boolean" }).notNull(),
    ...timestamps(),
  },
  (t) => [index("agenda_items_conference").on(t.conferenceId, t.position)],
);

export const itemAudience = sqliteTable(
  "item_audience",
  {
    itemId: text("item_id").notNull(),
    inviteeId: text("invitee_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.inviteeId] }), index("item_audience_invitee").on(t.inviteeId)],
);

export const decisions = sqliteTable(
  "decisions",
  {
    id: text("id").primaryKey(),
    conferenceId: text("conference_id").notNull(),
    itemId: text("item_id").notNull(),
    /** What the conference decided, sealed. */
    textSealed: text("text_sealed").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("decisions_item").on(t.itemId)],
);

export const actions = sqliteTable(
  "actions",
  {
    id: text("id").primaryKey(),
    conferenceId: text("conference_id").notNull(),
    decisionId: text("decision_id").notNull(),
    itemId: text("item_id").notNull(),
    ownerInviteeId: text("owner_invitee_id").notNull(),
    /** What is to be done, sealed. */
    descriptionSealed: text("description_sealed").notNull(),
    /** Local date in the conference's zone, and the instant it ends (overdue from then). */
    dueDate: text("due_date").notNull(),
    overdueAt: text("overdue_at").notNull(),
    status: text("status", { enum: ["open", "done", "cancelled"] }).notNull(),
    /** Set with the reminder's event in one transaction: the owner is reminded once. */
    remindedAt: text("reminded_at"),
    ...timestamps(),
  },
  (t) => [
    index("actions_decision").on(t.decisionId),
    index("actions_owner").on(t.ownerInviteeId),
    index("actions_overdue").on(t.status, t.remindedAt, t.overdueAt),
  ],
);
