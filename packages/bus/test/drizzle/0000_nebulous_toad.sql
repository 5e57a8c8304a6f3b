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
CREATE TABLE `effects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`note` text NOT NULL
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
CREATE INDEX `outbox_sent_at` ON `outbox` (`sent_at`);