CREATE TABLE `team_tasks` (
	`task_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`person_ref` text NOT NULL,
	`team` text NOT NULL,
	`role` text NOT NULL,
	`referral_id` text NOT NULL,
	`since` text NOT NULL,
	`team_since` text,
	`until` text,
	`outcome` text
);
--> statement-breakpoint
CREATE INDEX `team_tasks_person` ON `team_tasks` (`org_id`,`person_ref`);