ALTER TABLE `audit_log` ADD `outcome` text DEFAULT 'allowed' NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `status` integer;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `route` text;--> statement-breakpoint
CREATE INDEX `audit_log_org_outcome_id_idx` ON `audit_log` (`org`,`outcome`,`id`);