CREATE TABLE `attendance` (
	`session_id` text NOT NULL,
	`enrolment_id` text NOT NULL,
	`org_id` text NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	PRIMARY KEY(`session_id`, `enrolment_id`)
);
--> statement-breakpoint
CREATE INDEX `attendance_enrolment` ON `attendance` (`enrolment_id`);--> statement-breakpoint
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
CREATE TABLE `compliance_breaches` (
	`enrolment_id` text NOT NULL,
	`step_kind` text NOT NULL,
	`threshold` real NOT NULL,
	`fired_at` text NOT NULL,
	PRIMARY KEY(`enrolment_id`, `step_kind`)
);
--> statement-breakpoint
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
CREATE TABLE `enrolments` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`org_id` text NOT NULL,
	`person_ref` text NOT NULL,
	`display_name` text,
	`language` text NOT NULL,
	`contact` text,
	`preferences` text,
	`status` text NOT NULL,
	`reason` text,
	`seq` integer NOT NULL,
	`source` text NOT NULL,
	`referral_id` text,
	`mandate` text,
	`created_at` text NOT NULL,
	`enrolled_at` text,
	`ended_at` text
);
--> statement-breakpoint
CREATE INDEX `enrolments_group_status` ON `enrolments` (`group_id`,`status`,`seq`);--> statement-breakpoint
CREATE INDEX `enrolments_person` ON `enrolments` (`org_id`,`person_ref`);--> statement-breakpoint
CREATE TABLE `group_facilitators` (
	`group_id` text NOT NULL,
	`sub` text NOT NULL,
	PRIMARY KEY(`group_id`, `sub`)
);
--> statement-breakpoint
CREATE INDEX `group_facilitators_sub` ON `group_facilitators` (`sub`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`public_name` text NOT NULL,
	`language` text NOT NULL,
	`municipality` text NOT NULL,
	`location` text NOT NULL,
	`venue_key` text,
	`capacity` integer NOT NULL,
	`admission` text NOT NULL,
	`facilitators` text NOT NULL,
	`compliance_policy` text,
	`time_zone` text NOT NULL,
	`dtstart` text NOT NULL,
	`rrule` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`sequence` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `groups_org_kind` ON `groups` (`org_id`,`kind`);--> statement-breakpoint
CREATE INDEX `groups_venue` ON `groups` (`org_id`,`venue_key`);--> statement-breakpoint
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
CREATE TABLE `placements` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`referral_id` text NOT NULL,
	`person_ref` text NOT NULL,
	`role` text NOT NULL,
	`display_name` text,
	`group_kind` text NOT NULL,
	`language` text NOT NULL,
	`municipality` text NOT NULL,
	`time_zone` text NOT NULL,
	`mandate` text,
	`status` text NOT NULL,
	`group_id` text,
	`enrolment_id` text,
	`created_at` text NOT NULL,
	`placed_at` text
);
--> statement-breakpoint
CREATE INDEX `placements_org_status` ON `placements` (`org_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `safety_check_ins` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`group_id` text NOT NULL,
	`session_id` text NOT NULL,
	`enrolment_id` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `safety_check_ins_once` ON `safety_check_ins` (`session_id`,`enrolment_id`);--> statement-breakpoint
CREATE INDEX `safety_check_ins_group` ON `safety_check_ins` (`group_id`,`status`);--> statement-breakpoint
CREATE TABLE `separations` (
	`org_id` text NOT NULL,
	`person_ref` text NOT NULL,
	`other_person_ref` text NOT NULL,
	`referral_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`person_ref`, `other_person_ref`)
);
--> statement-breakpoint
CREATE INDEX `separations_org` ON `separations` (`org_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`org_id` text NOT NULL,
	`original_starts_at` text NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`status` text NOT NULL,
	`cancel_reason` text
);
--> statement-breakpoint
CREATE INDEX `sessions_group_start` ON `sessions` (`group_id`,`starts_at`);