import { orgRecord, timestamps } from "@relais/db";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export { deadLetters, inbox, outbox } from "@relais/bus";
export { auditLog, idempotencyKeys, teamTasks } from "@relais/service-kit";

/**
 * The contact book. A contact belongs to the organisation, and the referral or enrolment, that
 * created it: one per (organisation, person). `sealed` holds e-mail, phone and name, encrypted
 * with DATA_KEY. Another organisation's event never reads or writes this organisation's row.
 */
export const contacts = sqliteTable(
  "contacts",
  {
    orgId: text("org_id").notNull(),
    personRef: text("person_ref").notNull(),
    /** `victim` / `author` from a referral, `participant` for people enrolled directly. */
    role: text("role").notNull(),
    /** What created it: a referral (the police filed it) or a direct enrolment (a facilitator). */
    source: text("source", { enum: ["referral", "enrolment"] })
      .notNull()
      .default("referral"),
    /** The referral id or the enrolment id. */
    sourceId: text("source_id").notNull().default(""),
    language: text("language", { enum: ["fr", "nl", "en"] }).notNull(),
    timeZone: text("time_zone").notNull(),
    sealed: text("sealed").notNull(),
    preferences: text("preferences", { mode: "json" }).notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.personRef] }), index("contacts_person").on(t.personRef)],
);

/** The latest snapshot of each group's series, as the groups service last described it. */
export const series = sqliteTable("series", {
  groupId: text("group_id").primaryKey(),
  orgId: text("org_id").notNull(),
  sequence: integer("sequence").notNull(),
  snapshot: text("snapshot", { mode: "json" }).notNull(),
  updatedAt: text("updated_at").notNull(),
});

/** One calendar per series and recipient: its UID is stable and its SEQUENCE only grows. */
export const invites = sqliteTable(
  "invites",
  {
    ...orgRecord(),
    groupId: text("group_id").notNull(),
    personRef: text("person_ref").notNull(),
    enrolmentId: text("enrolment_id").notNull(),
    uid: text("uid").notNull(),
    sequence: integer("sequence").notNull(),
    status: text("status", { enum: ["waitlisted", "enrolled", "ended"] }).notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("invites_group_person").on(t.groupId, t.personRef),
    index("invites_person").on(t.personRef),
  ],
);

/** The delivery log: every message, its status, attempts and provider id. */
export const messages = sqliteTable(
  "messages",
  {
    ...orgRecord(),
    personRef: text("person_ref"),
    channel: text("channel", { enum: ["email", "sms"] }).notNull(),
    template: text("template").notNull(),
    language: text("language", { enum: ["fr", "nl", "en"] }).notNull(),
    discreet: integer("discreet", { mode: "boolean" }).notNull(),
    /** Recipient address and template inputs (names, places, the .ics), encrypted with DATA_KEY. */
    sealed: text("sealed").notNull(),
    /**
     * `held`: for a person whose contact has not arrived yet (reason `awaiting_contact`);
     * `next_attempt_at` is then when the wait ends and the row is suppressed `no_contact`.
     */
    status: text("status", { enum: ["held", "queued", "sending", "sent", "failed", "suppressed"] }).notNull(),
    reason: text("reason"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    leaseUntil: text("lease_until"),
    providerId: text("provider_id"),
    /** Set for reminders: the session the text is built from at send time. */
    reminderId: text("reminder_id"),
    ...timestamps(),
    sentAt: text("sent_at"),
  },
  (t) => [
    index("messages_due").on(t.status, t.nextAttemptAt),
    index("messages_org").on(t.orgId, t.id),
    index("messages_person").on(t.personRef),
    uniqueIndex("messages_reminder").on(t.reminderId),
  ],
);

/** Reminders to come, keyed so a re-plan updates a row instead of adding one. */
export const reminders = sqliteTable(
  "reminders",
  {
    ...orgRecord(),
    groupId: text("group_id").notNull(),
    sessionId: text("session_id").notNull(),
    personRef: text("person_ref").notNull(),
    channel: text("channel", { enum: ["email", "sms"] }).notNull(),
    offsetMinutes: integer("offset_minutes").notNull(),
    dueAt: text("due_at").notNull(),
    status: text("status", { enum: ["pending", "claimed", "done", "dropped"] }).notNull(),
    leaseUntil: text("lease_until"),
    reason: text("reason"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("reminders_key").on(t.sessionId, t.personRef, t.channel, t.offsetMinutes),
    index("reminders_due").on(t.status, t.dueAt),
    index("reminders_person").on(t.personRef),
  ],
);

/**
 * Persons purged by referrals, as the SHA-256 of their reference: a late event about them (a
 * referral, an enrolment) must not bring their contact or their messages back.
 */
export const purgedPersons = sqliteTable("purged_persons", {
  refHash: text("ref_hash").primaryKey(),
  purgedAt: text("purged_at").notNull(),
});

/**
 * Referred persons whom notifications may not contact (their referral said "do not contact", gave
 * no consent, or sealed no details for this service). Their contact is never stored; this row
 * only makes sure a direct enrolment's typed details cannot give them one.
 */
export const uncontactablePersons = sqliteTable(
  "uncontactable_persons",
  {
    orgId: text("org_id").notNull(),
    personRef: text("person_ref").notNull(),
    reason: text("reason", { enum: ["do_not_contact", "no_contact"] }).notNull(),
    since: text("since").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.personRef] }), index("uncontactable_person").on(t.personRef)],
);

/** Private calendar feeds: only the token's SHA-256 is kept; the token itself is the secret. */
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    ...orgRecord(),
    sub: text("sub").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: text("created_at").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [
    uniqueIndex("calendar_feeds_token").on(t.tokenHash),
    index("calendar_feeds_sub").on(t.orgId, t.sub),
  ],
);
