-- hand-written
-- The WHEN clauses of the update triggers of `tasks` move into their functions (ADR 0048).
-- PostgreSQL 15 reads a trigger's WHEN clause back from its stored text and compiles it anew for
-- every statement that fires the trigger's event (the compiled form lives only as long as the
-- statement), so each completion parsed both clauses: 7 % of PostgreSQL's CPU per toggle in a
-- profile, more than the counts row's own UPDATE. Tests in plpgsql cost a few comparisons.
--
-- task_counts: the trigger fires, as before, only for updates that set `completed` or the owner
-- (its column list, checked without parsing); the function returns at once when neither changed.
CREATE OR REPLACE FUNCTION "task_counts_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND OLD."user_id" = NEW."user_id" THEN
		IF OLD."completed" <> NEW."completed" THEN
			UPDATE "task_counts" SET "completed" = "completed" + (NEW."completed"::int - OLD."completed"::int)
			WHERE "user_id" = NEW."user_id";
		END IF;
		RETURN NULL;
	END IF;
	IF TG_OP <> 'INSERT' THEN
		UPDATE "task_counts" SET "total" = "total" - 1, "completed" = "completed" - OLD."completed"::int
		WHERE "user_id" = OLD."user_id";
	END IF;
	IF TG_OP <> 'DELETE' THEN
		INSERT INTO "task_counts" AS c ("user_id", "total", "completed")
		VALUES (NEW."user_id", 1, NEW."completed"::int)
		ON CONFLICT ("user_id") DO UPDATE
		SET "total" = c."total" + 1, "completed" = c."completed" + excluded."completed";
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER "task_counts_update" ON "tasks";
--> statement-breakpoint
CREATE TRIGGER "task_counts_update" AFTER UPDATE OF "completed", "user_id" ON "tasks"
	FOR EACH ROW EXECUTE FUNCTION "task_counts_change"();
--> statement-breakpoint
-- Reminders: the WHEN clause keeps only its short test, that the task has (or had) reminders, so
-- that tasks without any still call no function; the trigger fires only for updates that set one
-- of the five columns the schedule depends on; whether one of them changed is tested in the
-- function, which returns at once otherwise.
CREATE OR REPLACE FUNCTION tasks_schedule_reminders() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  minutes integer;
  fire timestamptz;
BEGIN
  IF TG_OP = 'UPDATE'
    AND (OLD.due_date, OLD.due_on, OLD.time_zone, OLD.reminder_offsets, OLD.completed)
      IS NOT DISTINCT FROM (NEW.due_date, NEW.due_on, NEW.time_zone, NEW.reminder_offsets, NEW.completed) THEN
    RETURN NULL;
  END IF;
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
DROP TRIGGER tasks_reminders_update ON tasks;
--> statement-breakpoint
CREATE TRIGGER tasks_reminders_update
  AFTER UPDATE OF due_date, due_on, time_zone, reminder_offsets, completed ON tasks FOR EACH ROW
  WHEN (cardinality(OLD.reminder_offsets) > 0 OR cardinality(NEW.reminder_offsets) > 0)
  EXECUTE FUNCTION tasks_schedule_reminders();
