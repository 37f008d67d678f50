ALTER TABLE "tasks" ADD COLUMN "json" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- hand-written
-- Each task's JSON (ADRs 0037, 0043, 0047), written once per write instead of on every read,
-- by a trigger, so that every writer (create, edit, completion, a recurring task's advance,
-- import, a migration, a statement by hand) stores it, and what a write returns is the row as
-- stored. The expression is the one reads ran before (ADR 0043): the 16 fields in the contract's
-- order, compact, strings through `to_json` (JSON.stringify's escaping), timestamps as
-- `Date.prototype.toISOString()` writes them; `||` with a null is null, so every nullable field
-- is coalesced. Nothing in it depends on the session: timestamps are read in UTC and the all-day
-- date as a timestamp without zone, so a writer's TimeZone or DateStyle cannot change the bytes.
-- Inline in the trigger: a function of the row, called from it, cost each write a second plpgsql
-- call (ADR 0047).
CREATE FUNCTION "tasks_write_json"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	"reminders" text := '[]';
BEGIN
	-- Its own statement, so that the rest stays an expression plpgsql evaluates without the executor.
	IF cardinality(NEW."reminder_offsets") > 0 THEN
		"reminders" := array_to_json(array(select reminder from (
			select minutes as before_minutes
			from unnest(NEW."reminder_offsets") with ordinality as stored(minutes, n) order by n
		) as reminder))::text;
	END IF;
	NEW."json" := '{"id":' || NEW."id"
		|| ',"user_id":' || coalesce(to_json(NEW."user_id")::text, 'null')
		|| ',"title":' || coalesce(to_json(NEW."title")::text, 'null')
		|| ',"description":' || coalesce(to_json(NEW."description")::text, 'null')
		|| ',"completed":' || case when NEW."completed" then 'true' else 'false' end
		|| ',"priority":"' || NEW."priority" || '"'
		|| ',"due_date":' || coalesce('"' || coalesce(to_char(NEW."due_on"::timestamp, 'YYYY-MM-DD'),
			to_char(NEW."due_date" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) || '"', 'null')
		|| ',"time_zone":' || coalesce(to_json(NEW."time_zone")::text, 'null')
		|| ',"tags":' || array_to_json(NEW."tags")::text
		|| ',"list_id":' || coalesce(NEW."list_id"::text, 'null')
		|| ',"recurrence":' || coalesce(to_json(NEW."recurrence")::text, 'null')
		|| ',"recurrence_from":"' || NEW."recurrence_from" || '"'
		|| ',"reminders":' || "reminders"
		|| ',"completed_at":' || coalesce('"' || to_char(NEW."completed_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')
		|| ',"created_at":' || coalesce('"' || to_char(NEW."created_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')
		|| ',"updated_at":' || coalesce('"' || to_char(NEW."updated_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')
		|| '}';
	RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "tasks_json" BEFORE INSERT OR UPDATE ON "tasks"
	FOR EACH ROW EXECUTE FUNCTION "tasks_write_json"();
--> statement-breakpoint
-- The column is added, the trigger created and every row filled in the migration's one
-- transaction: ADD COLUMN locks the table until it commits, so no write goes without its JSON.
-- The update fires the trigger, which writes each row's JSON; it changes no column the other
-- triggers on tasks watch, so it schedules and counts nothing.
UPDATE "tasks" SET "json" = '';
