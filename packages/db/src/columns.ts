// Columns most tables share, declared once: a table then lists only the columns that are its own.
// Each helper returns fresh builders, since a drizzle column builder belongs to one table.
import { text } from "drizzle-orm/sqlite-core";

/** A record of one organisation: its own id and the organisation it belongs to. */
export const orgRecord = () => ({
  id: text("id").primaryKey(),
  orgId: text("org_id").notNull(),
});

/** When a record was created and last changed (UTC ISO instants: they sort as text). */
export const timestamps = () => ({
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/** Who created a record (a token's `sub`), when, and when it last changed. */
export const authored = () => ({
  createdBy: text("created_by").notNull(),
  ...timestamps(),
});
