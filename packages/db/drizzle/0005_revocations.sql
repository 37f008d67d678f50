CREATE TABLE "revocations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "revocations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" text NOT NULL,
	"session_id" text,
	"revoked_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "revocations_id_lengths" CHECK (length("revocations"."user_id") <= 255 and length("revocations"."session_id") <= 255)
);
--> statement-breakpoint
CREATE INDEX "revocations_revoked_at_idx" ON "revocations" USING btree ("revoked_at");--> statement-breakpoint
-- Every new row goes to the API processes listening on "revocations" (delivered at commit), and
-- rows older than the longest token life plus tolerances (REVOCATION_RETENTION_SECONDS in
-- src/schema.ts) are swept: every writer sweeps, and a sweep is idempotent.
CREATE FUNCTION "revocations_publish"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('revocations', json_build_object(
		'user_id', "user_id",
		'session_id', "session_id",
		'revoked_at', (extract(epoch FROM "revoked_at") * 1000)::bigint
	)::text)
	FROM "inserted";
	DELETE FROM "revocations" WHERE "revoked_at" < now() - interval '24 hours 60 seconds';
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "revocations_publish" AFTER INSERT ON "revocations"
	REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT EXECUTE FUNCTION "revocations_publish"();
--> statement-breakpoint
-- A session ends when its row is deleted, whichever path deletes it (sign-out, revocation,
-- password change or reset, the user's deletion by cascade, expiry cleanup): the revocation is
-- written in the same transaction, so no path can forget it.
CREATE FUNCTION "revoke_deleted_sessions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "revocations" ("user_id", "session_id") SELECT "user_id", "id" FROM "deleted";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "session_revoke" AFTER DELETE ON "session"
	REFERENCING OLD TABLE AS "deleted" FOR EACH STATEMENT EXECUTE FUNCTION "revoke_deleted_sessions"();
--> statement-breakpoint
-- A deleted account: every token of the user issued until now is refused, `sid` or not.
CREATE FUNCTION "revoke_deleted_users"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "revocations" ("user_id") SELECT "id" FROM "deleted";
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "user_revoke" AFTER DELETE ON "user"
	REFERENCING OLD TABLE AS "deleted" FOR EACH STATEMENT EXECUTE FUNCTION "revoke_deleted_users"();
