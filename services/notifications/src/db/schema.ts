import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";

export { deadLetters, inbox, outbox } from "@relais/bus";
export { auditLog, idempotencyKeys } from "@relais/service-kit";

/** The contact book. `sealed` holds e-mail, phone and name, encrypted with DATA_KEY. */
export const contacts = sqliteTable(
  "contacts",
  {
    personRef: text("person_ref").primaryKey(),
    orgId: text("org_id").notNull(),
    role: text("role").notNull(),
    language: text("language", { enum: ["fr", "nl", "en"] }).notNull(),
    timeZone: text("time_zone").notNull(),
    sealed: text("sealed").notNull(),
    preferences: text("preferences", { mode: "json" }).notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("contacts_org").on(t.orgId)],
);
