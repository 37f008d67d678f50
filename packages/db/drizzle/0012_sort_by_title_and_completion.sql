DROP INDEX "tasks_user_title_idx";--> statement-breakpoint
CREATE INDEX "tasks_user_title_collated_idx" ON "tasks" USING btree ("user_id","title" collate "title_order","id");--> statement-breakpoint
CREATE INDEX "tasks_user_completed_at_idx" ON "tasks" USING btree ("user_id","completed_at" DESC NULLS LAST,"id" DESC NULLS FIRST);