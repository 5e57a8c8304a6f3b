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
CREATE TABLE `callback_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`task_id` text NOT NULL,
	`outcome` text NOT NULL,
	`channel` text NOT NULL,
	`note` text,
	`at` text NOT NULL,
	`by` text NOT NULL,
	FOREIGN KEY (`task_id`) REFERENCES `callback_tasks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `callback_attempts_task` ON `callback_attempts` (`task_id`,`at`);--> statement-breakpoint
CREATE TABLE `callback_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`referral_id` text NOT NULL,
	`person_ref` text NOT NULL,
	`role` text NOT NULL,
	`team` text NOT NULL,
	`team_email` text,
	`routed` integer NOT NULL,
	`risk_level` text NOT NULL,
	`risk_rank` integer NOT NULL,
	`status` text NOT NULL,
	`outcome` text,
	`outcome_detail` text,
	`created_at` text NOT NULL,
	`due_at` text NOT NULL,
	`sla_deadline` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`reached_at` text,
	`claimed_by` text,
	`claim_expires_at` text,
	`closed_at` text,
	`closed_by` text,
	`due_notified_at` text,
	`overdue_notified_at` text,
	`scheduler_owner` text,
	`scheduler_lease_until` text,
	FOREIGN KEY (`referral_id`) REFERENCES `referrals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_ref`) REFERENCES `persons`(`person_ref`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `callback_tasks_queue` ON `callback_tasks` (`org_id`,`status`,`team`);--> statement-breakpoint
CREATE INDEX `callback_tasks_referral` ON `callback_tasks` (`referral_id`);--> statement-breakpoint
CREATE INDEX `callback_tasks_due` ON `callback_tasks` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `callback_tasks_sla` ON `callback_tasks` (`status`,`sla_deadline`);--> statement-breakpoint
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
CREATE TABLE `persons` (
	`person_ref` text PRIMARY KEY NOT NULL,
	`referral_id` text NOT NULL,
	`role` text NOT NULL,
	`display_name` text,
	`consent` integer NOT NULL,
	`language` text NOT NULL,
	`time_zone` text NOT NULL,
	`contact` text NOT NULL,
	`no_task_reason` text,
	FOREIGN KEY (`referral_id`) REFERENCES `referrals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `persons_referral` ON `persons` (`referral_id`);--> statement-breakpoint
CREATE TABLE `police_webhooks` (
	`org_id` text NOT NULL,
	`zone` text NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`enabled` integer NOT NULL,
	`disabled_reason` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`org_id`, `zone`)
);
--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`police_zone` text NOT NULL,
	`zone_id` text NOT NULL,
	`incident_reference` text NOT NULL,
	`incident_at` text NOT NULL,
	`kind` text NOT NULL,
	`risk_level` text NOT NULL,
	`risk_score` integer,
	`children_present` integer NOT NULL,
	`municipality` text NOT NULL,
	`status` text NOT NULL,
	`first_contact_at` text,
	`filed_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`settled_at` text
);
--> statement-breakpoint
CREATE INDEX `referrals_org_zone` ON `referrals` (`org_id`,`zone_id`);--> statement-breakpoint
CREATE INDEX `referrals_settled` ON `referrals` (`settled_at`);--> statement-breakpoint
CREATE TABLE `routes` (
	`org_id` text NOT NULL,
	`municipality_key` text NOT NULL,
	`municipality` text NOT NULL,
	`role` text NOT NULL,
	`team` text NOT NULL,
	`team_email` text,
	`project` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`org_id`, `municipality_key`, `role`)
);
--> statement-breakpoint
CREATE TABLE `webhook_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`delivery_id` text NOT NULL,
	`at` text NOT NULL,
	`status_code` integer,
	`error` text,
	`duration_ms` integer NOT NULL,
	FOREIGN KEY (`delivery_id`) REFERENCES `webhook_deliveries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_attempts_delivery` ON `webhook_attempts` (`delivery_id`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`zone` text NOT NULL,
	`referral_id` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`lease_owner` text,
	`lease_until` text,
	`last_status_code` integer,
	`last_error` text,
	`created_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`referral_id`) REFERENCES `referrals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_pending` ON `webhook_deliveries` (`status`,`next_attempt_at`);