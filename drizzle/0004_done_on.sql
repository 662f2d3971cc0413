ALTER TABLE `item_statuses` ADD `done_on` text;--> statement-breakpoint
ALTER TABLE `status_events` ADD `done_on` text;