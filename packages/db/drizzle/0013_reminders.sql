CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" text NOT NULL,
	"task_id" bigint NOT NULL,
	"title" text NOT NULL,
	"due_date" timestamp (3) with time zone,
	"due_on" date,
	"before_minutes" integer NOT NULL,
	"fire_at" timestamp (3) with time zone NOT NULL,
	"read" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_occurrence_unique" UNIQUE("task_id","fire_at","before_minutes")
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_user_created_idx" ON "notifications" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_user_unread_idx" ON "notifications" USING btree ("user_id") WHERE not "notifications"."read";--> statement-breakpoint
-- hand-written
-- When a reminder fires: its minutes before the due moment; an all-day date counts from 09:00 in
-- the task's zone (contract section 11). One definition for the trigger and the delivering job.
CREATE FUNCTION reminder_fire_at(due_date timestamptz, due_on date, time_zone text, before_minutes integer)
RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT coalesce(due_date, (due_on + time '09:00') AT TIME ZONE time_zone) - make_interval(mins => before_minutes)
$$;
--> statement-breakpoint
-- Keeps graphile-worker's queue in step with each task's reminders, in the transaction that
-- changes the task, whichever statement does it (create, edit, completion and the recurring
-- advance, delete, a list's cascade, import, erasure): each reminder is one job keyed by task
-- and minutes, replaced or removed here. A reminder already more than 24 hours late is not queued.
CREATE FUNCTION tasks_schedule_reminders() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  minutes integer;
  fire timestamptz;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    FOREACH minutes IN ARRAY OLD.reminder_offsets LOOP
      IF TG_OP = 'DELETE' OR NEW.completed OR NOT minutes = ANY (NEW.reminder_offsets) THEN
        PERFORM graphile_worker.remove_job('reminder:' || OLD.id || ':' || minutes);
      END IF;
    END LOOP;
  END IF;
  IF TG_OP <> 'DELETE' AND NOT NEW.completed THEN
    FOREACH minutes IN ARRAY NEW.reminder_offsets LOOP
      fire := reminder_fire_at(NEW.due_date, NEW.due_on, NEW.time_zone, minutes);
      IF fire > now() - interval '24 hours' THEN
        PERFORM graphile_worker.add_job(
          'reminder',
          json_build_object('task_id', NEW.id, 'before_minutes', minutes, 'fire_at', fire),
          run_at => fire,
          max_attempts => 5,
          job_key => 'reminder:' || NEW.id || ':' || minutes,
          job_key_mode => 'replace'
        );
      ELSE
        PERFORM graphile_worker.remove_job('reminder:' || NEW.id || ':' || minutes);
      END IF;
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The WHEN clauses keep tasks without reminders (most of them) off this path entirely: their
-- create, completion and delete call no function.
CREATE TRIGGER tasks_reminders_insert AFTER INSERT ON tasks FOR EACH ROW
  WHEN (cardinality(NEW.reminder_offsets) > 0) EXECUTE FUNCTION tasks_schedule_reminders();
--> statement-breakpoint
CREATE TRIGGER tasks_reminders_update AFTER UPDATE ON tasks FOR EACH ROW
  WHEN ((cardinality(OLD.reminder_offsets) > 0 OR cardinality(NEW.reminder_offsets) > 0)
    AND (OLD.due_date, OLD.due_on, OLD.time_zone, OLD.reminder_offsets, OLD.completed)
      IS DISTINCT FROM (NEW.due_date, NEW.due_on, NEW.time_zone, NEW.reminder_offsets, NEW.completed))
  EXECUTE FUNCTION tasks_schedule_reminders();
--> statement-breakpoint
CREATE TRIGGER tasks_reminders_delete AFTER DELETE ON tasks FOR EACH ROW
  WHEN (cardinality(OLD.reminder_offsets) > 0) EXECUTE FUNCTION tasks_schedule_reminders();
--> statement-breakpoint
-- graphile-worker turns on row-level security, without policies, on its tables: only their owner
-- (who migrates) could use them. The API's role runs the worker and the triggers; what it may
-- do is what TABLE_GRANTS grants it (roles.ts), so each table gets a policy allowing every row.
CREATE POLICY queue_rows ON graphile_worker._private_jobs USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY queue_rows ON graphile_worker._private_job_queues USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY queue_rows ON graphile_worker._private_tasks USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY queue_rows ON graphile_worker._private_known_crontabs USING (true) WITH CHECK (true);
