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
CREATE TABLE `widgets` (
	`id` text PRIMARY KEY NOT NULL,
	`org` text NOT NULL,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`tags` text NOT NULL
);
