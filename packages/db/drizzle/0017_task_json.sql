ALTER TABLE "tasks" ADD COLUMN "json" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- hand-written
-- Each task's JSON (ADRs 0037, 0043, 0047), written once per write instead of on every read:
-- its 16 fields in the contract's order, compact, strings through `to_json` (JSON.stringify's
-- escaping), timestamps as `Date.prototype.toISOString()` writes them. Nothing in it depends on
-- the session: timestamps are read in UTC and the all-day date as a timestamp without zone, so
-- a writer's TimeZone (or DateStyle) cannot change the bytes. `||` with a null is null, so every
-- nullable field is coalesced.
CREATE FUNCTION "task_json"("t" "tasks") RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
	"reminders" text := '[]';
BEGIN
	-- Its own statement, so that the rest stays an expression plpgsql evaluates without the executor.
	IF cardinality(t."reminder_offsets") > 0 THEN
		"reminders" := array_to_json(array(select reminder from (
			select minutes as before_minutes
			from unnest(t."reminder_offsets") with ordinality as stored(minutes, n) order by n
		) as reminder))::text;
	END IF;
	RETURN '{"id":' || t."id"
		|| ',"user_id":' || coalesce(to_json(t."user_id")::text, 'null')
		|| ',"title":' || coalesce(to_json(t."title")::text, 'null')
		|| ',"description":' || coalesce(to_json(t."description")::text, 'null')
		|| ',"completed":' || case when t."completed" then 'true' else 'false' end
		|| ',"priority":"' || t."priority" || '"'
		|| ',"due_date":' || coalesce('"' || coalesce(to_char(t."due_on"::timestamp, 'YYYY-MM-DD'),
			to_char(t."due_date" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) || '"', 'null')
		|| ',"time_zone":' || coalesce(to_json(t."time_zone")::text, 'null')
		|| ',"tags":' || array_to_json(t."tags")::text
		|| ',"list_id":' || coalesce(t."list_id"::text, 'null')
		|| ',"recurrence":' || coalesce(to_json(t."recurrence")::text, 'null')
		|| ',"recurrence_from":"' || t."recurrence_from" || '"'
		|| ',"reminders":' || "reminders"
		|| ',"completed_at":' || coalesce('"' || to_char(t."completed_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')
		|| ',"created_at":' || coalesce('"' || to_char(t."created_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')
		|| ',"updated_at":' || coalesce('"' || to_char(t."updated_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')
		|| '}';
END $$;
--> statement-breakpoint
-- The column is added and filled, and the trigger created, in the migration's one transaction:
-- ADD COLUMN locks the table until it commits, so no write goes without its JSON.
UPDATE "tasks" SET "json" = "task_json"("tasks");
--> statement-breakpoint
-- Every writer (create, edit, completion, a recurring task's advance, import, a migration, a
-- statement by hand) goes through it; what a write returns is the row as stored.
CREATE FUNCTION "tasks_write_json"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW."json" := "task_json"(NEW);
	RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "tasks_json" BEFORE INSERT OR UPDATE ON "tasks"
	FOR EACH ROW EXECUTE FUNCTION "tasks_write_json"();
