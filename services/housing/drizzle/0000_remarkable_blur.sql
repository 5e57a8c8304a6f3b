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
CREATE TABLE `place_windows` (
	`id` text PRIMARY KEY NOT NULL,
	`place_id` text NOT NULL,
	`org_id` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `place_windows_place` ON `place_windows` (`place_id`,`starts_on`);--> statement-breakpoint
CREATE TABLE `placements` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`person_ref` text NOT NULL,
	`referral_id` text,
	`task_id` text,
	`team` text,
	`requested_by` text NOT NULL,
	`household_size` integer NOT NULL,
	`risk_level` text NOT NULL,
	`language` text,
	`status` text NOT NULL,
	`place_id` text,
	`time_zone` text NOT NULL,
	`start_date` text NOT NULL,
	`planned_end_date` text NOT NULL,
	`confirmed_at` text,
	`confirmed_by` text,
	`decline_reason` text,
	`exit` text,
	`end_date` text,
	`follow_up_due` text,
	`follow_up_outcome` text,
	`follow_up_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `placements_org` ON `placements` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `placements_place` ON `placements` (`place_id`,`status`);--> statement-breakpoint
CREATE INDEX `placements_team` ON `placements` (`org_id`,`team`);--> statement-breakpoint
CREATE TABLE `places` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`label` text NOT NULL,
	`address_sealed` text NOT NULL,
	`capacity` integer NOT NULL,
	`active` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `places_org` ON `places` (`org_id`,`id`);