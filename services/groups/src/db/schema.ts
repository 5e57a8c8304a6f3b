import { index, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export { deadLetters, inbox, outbox } from "@relais/bus";
export { auditLog, idempotencyKeys } from "@relais/service-kit";

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
