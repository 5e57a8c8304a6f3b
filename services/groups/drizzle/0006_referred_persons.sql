CREATE TABLE `referred_persons` (
	`person_ref` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`role` text NOT NULL,
	`referral_id` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `referred_persons_org` ON `referred_persons` (`org_id`);