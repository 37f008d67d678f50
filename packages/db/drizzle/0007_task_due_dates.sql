DROP INDEX "tasks_user_due_asc_idx";--> statement-breakpoint
DROP INDEX "tasks_user_due_desc_idx";--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "due_on" date;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "due_instant" timestamp (3) with time zone GENERATED ALWAYS AS (coalesce("tasks"."due_date", ("tasks"."due_on"::timestamp at time zone "tasks"."time_zone"))) STORED;--> statement-breakpoint
CREATE INDEX "tasks_user_due_asc_idx" ON "tasks" USING btree ("user_id","due_instant","id");--> statement-breakpoint
CREATE INDEX "tasks_user_due_desc_idx" ON "tasks" USING btree ("user_id","due_instant" DESC NULLS LAST,"id" DESC NULLS FIRST);--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_due_one_kind" CHECK ("tasks"."due_date" is null or "tasks"."due_on" is null);