// Tables every service includes in its own schema: the outbox it writes events into, the inbox
// of event ids its consumers processed, and the dead letters its consumers gave up on.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const outbox = sqliteTable(
  "outbox",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    id: text("id").notNull().unique(),
    subject: text("subject").notNull(),
    /** The message as it came, sealed with the service's DATA_KEY (`RunnerOptions.payloadBox`). */
    payload: text("payload").notNull(),
    createdAt: text("created_at").notNull(),
    sentAt: text("sent_at"),
    attempts: integer("attempts").notNull().default(0),
  },
  // One index serves the relay's read of unsent rows in order (sent_at IS NULL, then seq: the
  // rowid every index entry ends with), its count of them and the prune of old sent rows. A partial
  // index of the unsent rows by seq, beside it, was chosen by no query plan and cost every event
  // an index entry written and deleted.
  (t) => [index("outbox_sent_at").on(t.sentAt)],
);

export const inbox = sqliteTable(
  "inbox",
  {
    consumer: text("consumer").notNull(),
    eventId: text("event_id").notNull(),
    processedAt: text("processed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);

export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: text("id").primaryKey(),
    consumer: text("consumer").notNull(),
    stream: text("stream").notNull(),
    subject: text("subject").notNull(),
    eventId: text("event_id"),
    orgId: text("org_id"),
    payload: text("payload").notNull(),
    error: text("error").notNull(),
    deliveries: integer("deliveries").notNull(),
    status: text("status", { enum: ["dead", "replayed"] })
      .notNull()
      .default("dead"),
    createdAt: text("created_at").notNull(),
    replayedAt: text("replayed_at"),
  },
  (t) => [index("dead_letters_org_created").on(t.orgId, t.createdAt)],
);

export const busTables = { outbox, inbox, deadLetters };
