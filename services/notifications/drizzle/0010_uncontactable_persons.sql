CREATE TABLE `uncontactable_persons` (
	`org_id` text NOT NULL,
	`person_ref` text NOT NULL,
	`reason` text NOT NULL,
	`since` text NOT NULL,
	PRIMARY KEY(`org_id`, `person_ref`)
);
--> statement-breakpoint
CREATE INDEX `uncontactable_person` ON `uncontactable_persons` (`person_ref`);