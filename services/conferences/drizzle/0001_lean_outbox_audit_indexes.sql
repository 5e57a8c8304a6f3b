DROP INDEX `audit_log_record_idx`;--> statement-breakpoint
DROP INDEX `outbox_unsent`;