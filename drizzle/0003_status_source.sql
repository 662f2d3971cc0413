ALTER TABLE `item_statuses` ADD `updated_source` text;--> statement-breakpoint
ALTER TABLE `item_statuses` ADD `updated_actor_name` text;--> statement-breakpoint
ALTER TABLE `status_events` ADD `source` text;--> statement-breakpoint
ALTER TABLE `status_events` ADD `actor_name` text;