import { orgRecord, timestamps } from "@relais/db";
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { PartnerCategory } from "../domain/directory-input.js";

export { deadLetters, inbox, outbox } from "@relais/bus";
export { auditLog, idempotencyKeys } from "@relais/service-kit";

export const referrals = sqliteTable(
  "referrals",
  {
    ...orgRecord(),
    /** The zone as the police wrote it in the referral (a label). */
    policeZone: text("police_zone").notNull(),
    /** The filing zone's identity from its token (README: "Police zones"); scopes status and webhooks. */
    zoneId: text("zone_id").notNull(),
    incidentReference: text("incident_reference").notNull(),
    incidentAt: text("incident_at").notNull(),
    kind: text("kind").notNull(),
    riskLevel: text("risk_level", { enum: ["high", "medium", "low"] }).notNull(),
    riskScore: integer("risk_score"),
    childrenPresent: integer("children_present", { mode: "boolean" }).notNull(),
    municipality: text("municipality").notNull(),
    status: text("status").notNull(),
    firstContactAt: text("first_contact_at"),
    filedBy: text("filed_by").notNull(),
    ...timestamps(),
    /** Set when no task is open any more; retention counts from here. */
    settledAt: text("settled_at"),
  },
  (t) => [
    index("referrals_org_zone").on(t.orgId, t.zoneId),
    // Only settled referrals are in it (retention reads them): an intake, never settled yet, adds no entry.
    index("referrals_settled").on(t.settledAt).where(sql`settled_at IS NOT NULL`),
  ],
);

export const persons = sqliteTable(
  "persons",
  {
    personRef: text("person_ref").primaryKey(),
    referralId: text("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["victim", "author"] }).notNull(),
    /** Sealed (AES-256-GCM). */
    displayName: text("display_name"),
    consent: integer("consent", { mode: "boolean" }).notNull(),
    language: text("language", { enum: ["fr", "nl", "en"] }).notNull(),
    timeZone: text("time_zone").notNull(),
    /** Sealed JSON of contact details and safe-contact preferences, as filed. */
    contact: text("contact").notNull(),
    noTaskReason: text("no_task_reason"),
  },
  (t) => [index("persons_referral").on(t.referralId)],
);

/** The routing table: municipality and role → team. */
export const routes = sqliteTable(
  "routes",
  {
    orgId: text("org_id").notNull(),
    municipalityKey: text("municipality_key").notNull(),
    municipality: text("municipality").notNull(),
    role: text("role", { enum: ["victim", "author"] }).notNull(),
    team: text("team").notNull(),
    teamEmail: text("team_email"),
    project: text("project"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.municipalityKey, t.role] })],
);

export const callbackTasks = sqliteTable(
  "callback_tasks",
  {
    ...orgRecord(),
    referralId: text("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    personRef: text("person_ref")
      .notNull()
      .references(() => persons.personRef, { onDelete: "cascade" }),
    role: text("role", { enum: ["victim", "author"] }).notNull(),
    team: text("team").notNull(),
    teamEmail: text("team_email"),
    routed: integer("routed", { mode: "boolean" }).notNull(),
    riskLevel: text("risk_level", { enum: ["high", "medium", "low"] }).notNull(),
    riskRank: integer("risk_rank").notNull(),
    status: text("status", { enum: ["open", "closed"] }).notNull(),
    outcome: text("outcome", { enum: ["accepted", "declined", "referred_elsewhere", "unreachable"] }),
    /** Sealed JSON: who declined and why, where to, the note. */
    outcomeDetail: text("outcome_detail"),
    /** `referred_elsewhere` to a directory entry: which one (the statistics count by it). */
    referredPartnerId: text("referred_partner_id"),
    createdAt: text("created_at").notNull(),
    dueAt: text("due_at").notNull(),
    slaDeadline: text("sla_deadline").notNull(),
    attempts: integer("attempts").notNull().default(0),
    reachedAt: text("reached_at"),
    claimedBy: text("claimed_by"),
    claimExpiresAt: text("claim_expires_at"),
    closedAt: text("closed_at"),
    closedBy: text("closed_by"),
    dueNotifiedAt: text("due_notified_at"),
    overdueNotifiedAt: text("overdue_notified_at"),
    /** When a criticality assessment last raised the task's risk (an escalation, README "Criticality grid"). */
    escalatedAt: text("escalated_at"),
    /**
     * When `callback.opened` was last published again for this open task (the task-refresh job, a
     * coordinators' announcement: db/task-announcements.ts); null until then, read as `created_at`.
     */
    announcedAt: text("announced_at"),
    /** The scheduler's own lease, so two instances never announce the same task. */
    schedulerOwner: text("scheduler_owner"),
    schedulerLeaseUntil: text("scheduler_lease_until"),
  },
  (t) => [
    index("callback_tasks_queue").on(t.orgId, t.status, t.team),
    index("callback_tasks_referral").on(t.referralId),
    // What the scheduler still has to announce: its claims read these, never all open tasks. (No
    // index on (status, due_at) or (status, sla_deadline): no query read them, and every index is
    // one more b-tree an intake writes.)
    index("callback_tasks_due_pending").on(t.dueAt).where(sql`status = 'open' AND due_notified_at IS NULL`),
    index("callback_tasks_overdue_pending")
      .on(t.slaDeadline)
      .where(sql`status = 'open' AND overdue_notified_at IS NULL AND reached_at IS NULL`),
  ],
);

export const callbackAttempts = sqliteTable(
  "callback_attempts",
  {
    id: text("id").primaryKey(),
    taskId: text("task_id")
      .notNull()
      .references(() => callbackTasks.id, { onDelete: "cascade" }),
    outcome: text("outcome", {
      enum: ["reached", "no_answer", "voicemail_left", "unsafe_to_talk", "wrong_number"],
    }).notNull(),
    channel: text("channel", { enum: ["phone", "sms", "email"] }).notNull(),
    /** Sealed. */
    note: text("note"),
    at: text("at").notNull(),
    by: text("by").notNull(),
  },
  (t) => [index("callback_attempts_task").on(t.taskId, t.at)],
);

export const policeWebhooks = sqliteTable(
  "police_webhooks",
  {
    orgId: text("org_id").notNull(),
    zone: text("zone").notNull(),
    url: text("url").notNull(),
    /** Sealed `whsec_…` secret. */
    secret: text("secret").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull(),
    disabledReason: text("disabled_reason"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.zone] })],
);

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    /** Also the `webhook-id` header: receivers dedupe on it. */
    ...orgRecord(),
    zone: text("zone").notNull(),
    /** `status`: a referral's status change; `test`: a coordinator's test delivery (no referral). */
    kind: text("kind", { enum: ["status", "test"] })
      .notNull()
      .default("status"),
    referralId: text("referral_id").references(() => referrals.id, { onDelete: "cascade" }),
    payload: text("payload").notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed", "gone"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    leaseOwner: text("lease_owner"),
    leaseUntil: text("lease_until"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: text("created_at").notNull(),
    finishedAt: text("finished_at"),
  },
  (t) => [
    index("webhook_deliveries_pending").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_zone").on(t.orgId, t.zone, t.createdAt),
  ],
);

/** The delivery log: one row per HTTP attempt. */
export const webhookAttempts = sqliteTable(
  "webhook_attempts",
  {
    id: text("id").primaryKey(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    at: text("at").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [index("webhook_attempts_delivery").on(t.deliveryId)],
);

/**
 * The local resource directory: partner services of the organisation, per category. Public,
 * organisational data (a switchboard, a general mailbox), so nothing here is sealed.
 */
export const directoryPartners = sqliteTable(
  "directory_partners",
  {
    ...orgRecord(),
    name: text("name").notNull(),
    /** Lower-cased, accents folded: the search list's order. */
    sortKey: text("sort_key").notNull(),
    category: text("category").notNull().$type<PartnerCategory>(),
    /** JSON array of the municipalities as written. */
    municipalities: text("municipalities").notNull(),
    /** JSON array of fr / nl / en / de. */
    languages: text("languages").notNull(),
    /** JSON `{ timeZone, windows }`. */
    openingHours: text("opening_hours").notNull(),
    howToRefer: text("how_to_refer").notNull(),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    contactWebsite: text("contact_website"),
    example: integer("example", { mode: "boolean" }).notNull(),
    archivedAt: text("archived_at"),
    ...timestamps(),
  },
  (t) => [index("directory_partners_org").on(t.orgId, t.sortKey, t.id)],
);

/** Which municipalities a partner serves, by the routing table's key: the search's index. */
export const directoryPartnerMunicipalities = sqliteTable(
  "directory_partner_municipalities",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => directoryPartners.id, { onDelete: "cascade" }),
    orgId: text("org_id").notNull(),
    municipalityKey: text("municipality_key").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.municipalityKey] }),
    index("directory_partner_municipalities_search").on(t.orgId, t.municipalityKey),
  ],
);

/** Published criticality grid versions; never changed or deleted, so every assessment can name its own. */
export const criticalityGrids = sqliteTable(
  "criticality_grids",
  {
    orgId: text("org_id").notNull(),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    /** JSON of `GridDefinition` (domain/criticality.ts): questions, options and weights, thresholds. */
    definition: text("definition").notNull(),
    publishedAt: text("published_at").notNull(),
    publishedBy: text("published_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.version] })],
);

/** One filled grid: at intake (police, `person_ref` null: the referral's) or by a call-back worker. */
export const criticalityAssessments = sqliteTable(
  "criticality_assessments",
  {
    ...orgRecord(),
    referralId: text("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    /** The person assessed; null for the police's assessment at intake, which is the referral's. */
    personRef: text("person_ref").references(() => persons.personRef, { onDelete: "cascade" }),
    /** The task it was filled on; null at intake. */
    taskId: text("task_id").references(() => callbackTasks.id, { onDelete: "cascade" }),
    source: text("source", { enum: ["intake", "callback"] }).notNull(),
    gridVersion: integer("grid_version").notNull(),
    /** Sealed JSON of the answers (question id → option id). */
    answers: text("answers").notNull(),
    score: integer("score").notNull(),
    riskLevel: text("risk_level", { enum: ["high", "medium", "low"] }).notNull(),
    /** The task's level before this assessment; null at intake. */
    previousRiskLevel: text("previous_risk_level", { enum: ["high", "medium", "low"] }),
    /** Whether it raised the task's level (re-planned the SLA and escalated). */
    raised: integer("raised", { mode: "boolean" }).notNull(),
    assessedBy: text("assessed_by").notNull(),
    assessedAt: text("assessed_at").notNull(),
  },
  (t) => [index("criticality_assessments_referral").on(t.referralId, t.assessedAt)],
);
