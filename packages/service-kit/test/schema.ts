import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export { deadLetters } from "@relais/bus";
export { auditLog } from "../src/audit.js";
export { idempotencyKeys } from "../src/idempotency.js";

export const widgets = sqliteTable("widgets", {
  id: text("id").primaryKey(),
  org: text("org").notNull(),
  name: text("name").notNull(),
  size: integer("size").notNull(),
  tags: text("tags", { mode: "json" }).$type<string[]>().notNull(),
});
