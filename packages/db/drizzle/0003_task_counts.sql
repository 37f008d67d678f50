CREATE TABLE "task_counts" (
	"user_id" text PRIMARY KEY NOT NULL,
	"total" bigint NOT NULL,
	"completed" bigint NOT NULL
);
--> statement-breakpoint
-- Writers wait while the counts are built, so none slips between the triggers and the backfill.
LOCK TABLE "tasks" IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
-- Statement-level triggers fold the rows a statement changed into one upsert per user, in the
-- same transaction as the change.
CREATE FUNCTION "task_counts_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "task_counts" AS c ("user_id", "total", "completed")
	SELECT "user_id", count(*), count(*) FILTER (WHERE "completed") FROM "inserted"
	GROUP BY "user_id" ORDER BY "user_id"
	ON CONFLICT ("user_id") DO UPDATE
	SET "total" = c."total" + excluded."total", "completed" = c."completed" + excluded."completed";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "task_counts_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "task_counts" AS c
	SET "total" = c."total" - d."total", "completed" = c."completed" - d."completed"
	FROM (
		SELECT "user_id", count(*) AS "total", count(*) FILTER (WHERE "completed") AS "completed"
		FROM "deleted" GROUP BY "user_id"
	) AS d
	WHERE c."user_id" = d."user_id";
	RETURN NULL;
END $$;
--> statement-breakpoint
-- Only a change of `completed` (or of the owner) moves a count; other updates write nothing.
CREATE FUNCTION "task_counts_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "task_counts" AS c ("user_id", "total", "completed")
	SELECT "user_id", sum("total"), sum("completed") FROM (
		SELECT "user_id", 1 AS "total", "completed"::int AS "completed" FROM "new_rows"
		UNION ALL
		SELECT "user_id", -1, -("completed"::int) FROM "old_rows"
	) AS d
	GROUP BY "user_id" HAVING sum("total") <> 0 OR sum("completed") <> 0 ORDER BY "user_id"
	ON CONFLICT ("user_id") DO UPDATE
	SET "total" = c."total" + excluded."total", "completed" = c."completed" + excluded."completed";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "task_counts_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM "task_counts";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "task_counts_insert" AFTER INSERT ON "tasks"
	REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT EXECUTE FUNCTION "task_counts_after_insert"();
--> statement-breakpoint
CREATE TRIGGER "task_counts_delete" AFTER DELETE ON "tasks"
	REFERENCING OLD TABLE AS "deleted" FOR EACH STATEMENT EXECUTE FUNCTION "task_counts_after_delete"();
--> statement-breakpoint
CREATE TRIGGER "task_counts_update" AFTER UPDATE ON "tasks"
	REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows"
	FOR EACH STATEMENT EXECUTE FUNCTION "task_counts_after_update"();
--> statement-breakpoint
CREATE TRIGGER "task_counts_truncate" AFTER TRUNCATE ON "tasks"
	FOR EACH STATEMENT EXECUTE FUNCTION "task_counts_after_truncate"();
--> statement-breakpoint
INSERT INTO "task_counts" ("user_id", "total", "completed")
SELECT "user_id", count(*), count(*) FILTER (WHERE "completed") FROM "tasks" GROUP BY "user_id";
