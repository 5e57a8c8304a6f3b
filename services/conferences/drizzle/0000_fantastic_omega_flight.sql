CREATE TABLE `actions` (
	`id` text PRIMARY KEY NOT NULL,
	`conference_id` text NOT NULL,
	`decision_id` text NOT NULL,
	`item_id` text NOT NULL,
	`owner_invitee_id` text NOT NULL,
	`description_sealed` text NOT NULL,
	`due_date` text NOT NULL,
	`overdue_at` text NOT NULL,
	`status` text NOT NULL,
	`reminded_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `actions_decision` ON `actions` (`decision_id`);--> statement-breakpoint
CREATE INDEX `actions_owner` ON `actions` (`owner_invitee_id`);--> statement-breakpoint
CREATE INDEX `actions_overdue` ON `actions` (`status`,`reminded_at`,`overdue_at`);--> statement-breakpoint
CREATE TABLE `agenda_items` (
	`id` text PRIMARY KEY NOT NULL,
	`conference_id` text NOT NULL,
	`referral_id` text NOT NULL,
	`position` integer NOT NULL,
	`summary_sealed` text NOT NULL,
	`question_sealed` text NOT NULL,
	`risk_level` text NOT NULL,
	`confidential` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `agenda_items_conference` ON `agenda_items` (`conference_id`,`position`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`org` text NOT NULL,
	`actor_sub` text NOT NULL,
	`actor_roles` text NOT NULL,
	`action` text NOT NULL,
	`record_type` text NOT NULL,
	`record_id` text NOT NULL,
	`request_id` text,
	`at` text NOT NULL,
	`outcome` text DEFAULT 'allowed' NOT NULL,
	`status` integer,
	`route` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_org_id_idx` ON `audit_log` (`org`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_org_outcome_id_idx` ON `audit_log` (`org`,`outcome`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_record_idx` ON `audit_log` (`record_type`,`record_id`);--> statement-breakpoint
CREATE TABLE `conferences` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`title` text NOT NULL,
	`police_zone` text NOT NULL,
	`municipality` text NOT NULL,
	`location` text,
	`time_zone` text NOT NULL,
	`dtstart` text NOT NULL,
	`rrule` text,
	`duration_minutes` integer NOT NULL,
	`first_starts_at` text NOT NULL,
	`last_starts_at` text NOT NULL,
	`status` text NOT NULL,
	`sequence` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `conferences_org_start` ON `conferences` (`org_id`,`first_starts_at`);--> statement-breakpoint
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
CREATE TABLE `decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`conference_id` text NOT NULL,
	`item_id` text NOT NULL,
	`text_sealed` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `decisions_item` ON `decisions` (`item_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`org` text NOT NULL,
	`scope` text DEFAULT '' NOT NULL,
	`key` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer,
	`response_body` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`org`, `scope`, `key`)
);
--> statement-breakpoint
CREATE TABLE `inbox` (
	`consumer` text NOT NULL,
	`event_id` text NOT NULL,
	`processed_at` text NOT NULL,
	PRIMARY KEY(`consumer`, `event_id`)
);
--> statement-breakpoint
CREATE TABLE `invitees` (
	`id` text PRIMARY KEY NOT NULL,
	`conference_id` text NOT NULL,
	`organisation` text NOT NULL,
	`organisation_name` text NOT NULL,
	`role` text NOT NULL,
	`zone` text,
	`email_sealed` text NOT NULL,
	`language` text NOT NULL,
	`status` text NOT NULL,
	`added_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `invitees_conference` ON `invitees` (`conference_id`);--> statement-breakpoint
CREATE INDEX `invitees_organisation` ON `invitees` (`organisation`,`role`);--> statement-breakpoint
CREATE TABLE `item_audience` (
	`item_id` text NOT NULL,
	`invitee_id` text NOT NULL,
	PRIMARY KEY(`item_id`, `invitee_id`)
);
--> statement-breakpoint
CREATE INDEX `item_audience_invitee` ON `item_audience` (`invitee_id`);--> statement-breakpoint
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
CREATE TABLE `referral_index` (
	`referral_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`police_zone` text NOT NULL,
	`municipality` text NOT NULL,
	`risk_level` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `referral_index_org` ON `referral_index` (`org_id`,`received_at`);