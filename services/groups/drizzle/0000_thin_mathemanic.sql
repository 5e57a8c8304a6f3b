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
CREATE TABLE `separations` (
	`org_id` text NOT NULL,
	`person_ref` text NOT NULL,
	`other_person_ref` text NOT NULL,
	`referral_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`person_ref`, `other_person_ref`)
);
--> statement-breakpoint
CREATE INDEX `separations_org` ON `separations` (`org_id`);