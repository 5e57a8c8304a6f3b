PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_contacts` (
	`org_id` text NOT NULL,
	`person_ref` text NOT NULL,
	`role` text NOT NULL,
	`source` text DEFAULT 'referral' NOT NULL,
	`source_id` text DEFAULT '' NOT NULL,
	`language` text NOT NULL,
	`time_zone` text NOT NULL,
	`sealed` text NOT NULL,
	`preferences` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`org_id`, `person_ref`)
);
--> statement-breakpoint
INSERT INTO `__new_contacts`("org_id", "person_ref", "role", "source", "source_id", "language", "time_zone", "sealed", "preferences", "updated_at") SELECT "org_id", "person_ref", "role", "source", "source_id", "language", "time_zone", "sealed", "preferences", "updated_at" FROM `contacts`;--> statement-breakpoint
DROP TABLE `contacts`;--> statement-breakpoint
ALTER TABLE `__new_contacts` RENAME TO `contacts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `contacts_person` ON `contacts` (`person_ref`);