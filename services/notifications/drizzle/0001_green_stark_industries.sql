CREATE TABLE `purged_persons` (
	`ref_hash` text PRIMARY KEY NOT NULL,
	`purged_at` text NOT NULL
);
