DROP INDEX `callback_tasks_due`;--> statement-breakpoint
DROP INDEX `callback_tasks_sla`;--> statement-breakpoint
DROP INDEX `referrals_settled`;--> statement-breakpoint
CREATE INDEX `referrals_settled` ON `referrals` (`settled_at`) WHERE settled_at IS NOT NULL;