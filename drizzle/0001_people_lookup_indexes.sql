CREATE INDEX `curator_assignments_curator` ON `curator_assignments` (`curator_id`);--> statement-breakpoint
CREATE INDEX `people_school` ON `people` (`school_id`);--> statement-breakpoint
CREATE INDEX `people_municipality` ON `people` (`municipality_id`);