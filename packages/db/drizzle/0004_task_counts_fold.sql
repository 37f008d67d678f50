-- The task_counts triggers of 0003, with the upsert they repeated in one function. Transition
-- tables are visible to the trigger function only, so each passes its rows' deltas as arrays.
-- Adds the deltas to each user's counts: one upsert per user, in user order (so statements that
-- touch several users lock their rows in the same order); a user whose deltas cancel out (an
-- update that changed neither `completed` nor the owner) is not written.
CREATE OR REPLACE FUNCTION "task_counts_fold"("user_ids" text[], "total_deltas" int[], "completed_deltas" int[])
RETURNS void LANGUAGE sql AS $$
	INSERT INTO "task_counts" AS c ("user_id", "total", "completed")
	SELECT "user_id", sum("total"), sum("completed")
	FROM unnest("user_ids", "total_deltas", "completed_deltas") AS d ("user_id", "total", "completed")
	GROUP BY "user_id" HAVING sum("total") <> 0 OR sum("completed") <> 0 ORDER BY "user_id"
	ON CONFLICT ("user_id") DO UPDATE
	SET "total" = c."total" + excluded."total", "completed" = c."completed" + excluded."completed";
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "task_counts_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "task_counts_fold"(array_agg("user_id"), array_agg(1), array_agg("completed"::int))
	FROM "inserted";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "task_counts_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "task_counts_fold"(array_agg("user_id"), array_agg(-1), array_agg(-("completed"::int)))
	FROM "deleted";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "task_counts_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "task_counts_fold"(array_agg("user_id"), array_agg("total"), array_agg("completed"))
	FROM (
		SELECT "user_id", 1 AS "total", "completed"::int AS "completed" FROM "new_rows"
		UNION ALL
		SELECT "user_id", -1, -("completed"::int) FROM "old_rows"
	) AS d;
	RETURN NULL;
END $$;
