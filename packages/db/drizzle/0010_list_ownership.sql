ALTER TABLE "tasks" DROP CONSTRAINT "tasks_list_id_lists_id_fk";
--> statement-breakpoint
DROP INDEX "tasks_list_idx";--> statement-breakpoint
ALTER TABLE "lists" ADD CONSTRAINT "lists_id_user_unique" UNIQUE("id","user_id");--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_list_same_user_fk" FOREIGN KEY ("list_id","user_id") REFERENCES "public"."lists"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tasks_user_list_created_idx" ON "tasks" USING btree ("user_id","list_id","created_at","id");--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_due_for_schedule" CHECK (("tasks"."recurrence" is null and cardinality("tasks"."reminder_offsets") = 0) or "tasks"."due_date" is not null or "tasks"."due_on" is not null);
