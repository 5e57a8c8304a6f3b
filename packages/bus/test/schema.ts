// A stand-in service schema for the bus tests: the bus tables plus one table of effects.
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export { deadLetters, inbox, outbox } from "../src/schema.js";

export const effects = sqliteTable("effects", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  eventId: text("event_id").notNull(),
  note: text("note").notNull(),
});
