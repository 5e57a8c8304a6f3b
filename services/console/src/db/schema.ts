// The console's own tables: server-side sessions and sign-ins waiting for the IdP's answer.
import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the cookie's value: a copy of this table opens no session. */
    idHash: text("id_hash").primaryKey(),
    /** JSON of the signed-in user (ConsoleUser). */
    user: text("user").notNull(),
    csrfToken: text("csrf_token").notNull(),
    language: text("language"),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    /** The absolute end, whatever the activity. */
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("sessions_expires").on(t.expiresAt)],
);

export const pendingSignIns = sqliteTable("pending_sign_ins", {
  /** The OAuth `state`. */
  state: text("state").primaryKey(),
  codeVerifier: text("code_verifier").notNull(),
  nonce: text("nonce").notNull(),
  createdAt: text("created_at").notNull(),
});
