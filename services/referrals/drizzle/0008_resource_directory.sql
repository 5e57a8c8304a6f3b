CREATE TABLE `directory_partner_municipalities` (
	`partner_id` text NOT NULL,
	`org_id` text NOT NULL,
	`municipality_key` text NOT NULL,
	PRIMARY KEY(`partner_id`, `municipality_key`),
	FOREIGN KEY (`partner_id`) REFERENCES `directory_partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `directory_partner_municipalities_search` ON `directory_partner_municipalities` (`org_id`,`municipality_key`);--> statement-breakpoint
CREATE TABLE `directory_partners` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`sort_key` text NOT NULL,
	`category` text NOT NULL,
	`municipalities` text NOT NULL,
	`languages` text NOT NULL,
	`opening_hours` text NOT NULL,
	`how_to_refer` text NOT NULL,
	`contact_email` text,
	`contact_phone` text,
	`contact_website` text,
	`example` integer NOT NULL,
	`archived_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `directory_partners_org` ON `directory_partners` (`org_id`,`sort_key`,`id`);--> statement-breakpoint
ALTER TABLE `callback_tasks` ADD `referred_partner_id` text;