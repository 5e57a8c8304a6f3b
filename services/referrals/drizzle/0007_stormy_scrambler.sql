CREATE TABLE `criticality_assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`referral_id` text NOT NULL,
	`person_ref` text,
	`task_id` text,
	`source` text NOT NULL,
	`grid_version` integer NOT NULL,
	`answers` text NOT NULL,
	`score` integer NOT NULL,
	`risk_level` text NOT NULL,
	`previous_risk_level` text,
	`raised` integer NOT NULL,
	`assessed_by` text NOT NULL,
	`assessed_at` text NOT NULL,
	FOREIGN KEY (`referral_id`) REFERENCES `referrals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_ref`) REFERENCES `persons`(`person_ref`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`task_id`) REFERENCES `callback_tasks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `criticality_assessments_referral` ON `criticality_assessments` (`referral_id`,`assessed_at`);--> statement-breakpoint
CREATE TABLE `criticality_grids` (
	`org_id` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`definition` text NOT NULL,
	`published_at` text NOT NULL,
	`published_by` text NOT NULL,
	PRIMARY KEY(`org_id`, `version`)
);
--> statement-breakpoint
ALTER TABLE `callback_tasks` ADD `escalated_at` text;