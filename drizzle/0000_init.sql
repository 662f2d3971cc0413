CREATE TABLE `curator_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`school_id` integer NOT NULL,
	`curator_id` integer NOT NULL,
	`since` text NOT NULL,
	`until` text,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`curator_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `curator_assignments_school` ON `curator_assignments` (`school_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `curator_assignments_current` ON `curator_assignments` (`school_id`) WHERE until is null;--> statement-breakpoint
CREATE TABLE `invites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invites_code_hash_unique` ON `invites` (`code_hash`);--> statement-breakpoint
CREATE INDEX `invites_person` ON `invites` (`person_id`);--> statement-breakpoint
CREATE TABLE `item_statuses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`schedule_id` text NOT NULL,
	`occurrence_key` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`planned_date` text,
	`comment` text,
	`snoozed_until` text,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_statuses_item` ON `item_statuses` (`schedule_id`,`occurrence_key`,`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `municipalities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `municipalities_region_name` ON `municipalities` (`region_id`,`name`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`bundle_key` text NOT NULL,
	`person_id` integer NOT NULL,
	`kind` text NOT NULL,
	`schedule_id` text,
	`occurrence_key` text,
	`subject_type` text,
	`subject_id` integer,
	`send_at` text NOT NULL,
	`payload` text NOT NULL,
	`state` text DEFAULT 'planned' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`telegram_message_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`sent_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_key_unique` ON `notifications` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_state_send_at` ON `notifications` (`state`,`send_at`);--> statement-breakpoint
CREATE INDEX `notifications_bundle` ON `notifications` (`bundle_key`);--> statement-breakpoint
CREATE INDEX `notifications_person` ON `notifications` (`person_id`);--> statement-breakpoint
CREATE TABLE `pending_questions` (
	`person_id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`asked_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`full_name` text NOT NULL,
	`role` text NOT NULL,
	`region_id` integer NOT NULL,
	`municipality_id` integer,
	`school_id` integer,
	`email` text,
	`phone` text,
	`telegram_user_id` text,
	`chat_id` text,
	`state` text DEFAULT 'active' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_telegram_user_id_unique` ON `people` (`telegram_user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `people_region_role_name` ON `people` (`region_id`,`role`,`full_name`);--> statement-breakpoint
CREATE INDEX `people_role` ON `people` (`role`);--> statement-breakpoint
CREATE TABLE `preferences` (
	`person_id` integer PRIMARY KEY NOT NULL,
	`window_start` text DEFAULT '09:00' NOT NULL,
	`window_end` text DEFAULT '20:00' NOT NULL,
	`digest_day` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`time_zone` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `regions_code_unique` ON `regions` (`code`);--> statement-breakpoint
CREATE TABLE `schools` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`region_id` integer NOT NULL,
	`municipality_id` integer NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schools_region_code` ON `schools` (`region_id`,`code`);--> statement-breakpoint
CREATE TABLE `status_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`actor_id` integer,
	`at` text NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`via` text NOT NULL,
	`comment` text,
	`planned_date` text,
	FOREIGN KEY (`item_id`) REFERENCES `item_statuses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `status_events_item` ON `status_events` (`item_id`);