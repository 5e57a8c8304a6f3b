ALTER TABLE `enrolments` DROP COLUMN `contact`;--> statement-breakpoint
ALTER TABLE `enrolments` DROP COLUMN `preferences`;