import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export { deadLetters, inbox, outbox } from "@relais/bus";
export { auditLog, idempotencyKeys } from "@relais/service-kit";

export const referrals = sqliteTable(
  "referrals",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    policeZone: text("police_zone").notNull(),
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
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("referrals_org_zone").on(t.orgId, t.policeZone)],
);

export const persons = sqliteTable(
  "persons",
  {
    personRef: text("person_ref").primaryKey(),
    referralId: text("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["victim", "author"] }).notNull(),
    displayName: text("display_name"),
    consent: integer("consent", { mode: "boolean" }).notNull(),
    language: text("language", { enum: ["fr", "nl", "en"] }).notNull(),
    timeZone: text("time_zone").notNull(),
    /** JSON of contact details and safe-contact preferences, as filed. */
    contact: text("contact").notNull(),
    noTaskReason: text("no_task_reason"),
  },
  (t) => [index("persons_referral").on(t.referralId)],
);
