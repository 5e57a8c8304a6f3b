CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`org` text NOT NULL,
	`actor_sub` text NOT NULL,
	`actor_roles` text NOT NULL,
	`action` text NOT NULL,
	`record_type` text NOT NULL,
	`record_id` text NOT NULL,
	`request_id` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_org_id_idx` ON `audit_log` (`org`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_record_idx` ON `audit_log` (`record_type`,`record_id`);--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`sub` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE INDEX `calendar_feeds_sub` ON `calendar_feeds` (`org_id`,`sub`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`person_ref` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`role` text NOT NULL,
	`language` text NOT NULL,
	`time_zone` text NOT NULL,
	`sealed` text NOT NULL,
	`preferences` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contacts_org` ON `contacts` (`org_id`);--> statement-breakpoint
CREATE TABLE `dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`consumer` text NOT NULL,
	`stream` text NOT NULL,
	`subject` text NOT NULL,
	`event_id` text,
	`org_id` text,
	`payload` text NOT NULL,
	`error` text NOT NULL,
	`deliveries` integer NOT NULL,
	`status` text DEFAULT 'dead' NOT NULL,
	`created_at` text NOT NULL,
	`replayed_at` text
);
--> statement-breakpoint
CREATE INDEX `dead_letters_org_created` ON `dead_letters` (`org_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`org` text NOT NULL,
	`key` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer,
	`response_body` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`org`, `key`)
);
--> statement-breakpoint
CREATE TABLE `inbox` (
	`consumer` text NOT NULL,
	`event_id` text NOT NULL,
	`processed_at` text NOT NULL,
	PRIMARY KEY(`consumer`, `event_id`)
);
--> statement-breakpoint
CREATE TABLE `invites` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`group_id` text NOT NULL,
	`person_ref` text NOT NULL,
	`enrolment_id` text NOT NULL,
	`uid` text NOT NULL,
	`sequence` integer NOT NULL,
	`status` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invites_group_person` ON `invites` (`group_id`,`person_ref`);--> statement-breakpoint
CREATE INDEX `invites_person` ON `invites` (`person_ref`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`person_ref` text,
	`channel` text NOT NULL,
	`template` text NOT NULL,
	`language` text NOT NULL,
	`discreet` integer NOT NULL,
	`sealed` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`lease_until` text,
	`provider_id` text,
	`reminder_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`sent_at` text
);
--> statement-breakpoint
CREATE INDEX `messages_due` ON `messages` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `messages_org` ON `messages` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `messages_person` ON `messages` (`person_ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_reminder` ON `messages` (`reminder_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`subject` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` text NOT NULL,
	`sent_at` text,
	`attempts` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_id_unique` ON `outbox` (`id`);--> statement-breakpoint
CREATE INDEX `outbox_unsent` ON `outbox` (`seq`) WHERE sent_at IS NULL;--> statement-breakpoint
CREATE INDEX `outbox_sent_at` ON `outbox` (`sent_at`);--> statement-breakpoint
CREATE TABLE `reminders` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`group_id` text NOT NULL,
	`session_id` text NOT NULL,
	`person_ref` text NOT NULL,
	`channel` text NOT NULL,
	`offset_minutes` integer NOT NULL,
	`due_at` text NOT NULL,
	`status` text NOT NULL,
	`lease_until` text,
	`reason` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminders_key` ON `reminders` (`session_id`,`person_ref`,`channel`,`offset_minutes`);--> statement-breakpoint
CREATE INDEX `reminders_due` ON `reminders` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `reminders_person` ON `reminders` (`person_ref`);--> statement-breakpoint
CREATE TABLE `series` (
	`group_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`sequence` integer NOT NULL,
	`snapshot` text NOT NULL,
	`updated_at` text NOT NULL
);
