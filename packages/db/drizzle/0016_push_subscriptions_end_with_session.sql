ALTER TABLE "push_subscriptions" ADD COLUMN "session_id" text;--> statement-breakpoint
-- hand-written
-- A browser stops receiving a user's reminders once the session that subscribed it has ended,
-- whichever path ended it (sign-out elsewhere, "sign out everywhere", a password change, expiry
-- cleanup), and once a user-wide cutoff refuses the token that subscribed it (its last
-- subscribe came no later than the cutoff). `revocations` is written as the web app's role,
-- which may not touch `push_subscriptions`: the function runs as its owner, the migrating role.
CREATE FUNCTION "push_subscriptions_end_with_sessions"() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
	DELETE FROM "push_subscriptions" AS p USING "inserted" AS r
	WHERE p."user_id" = r."user_id"
		AND (p."session_id" = r."session_id"
			OR (r."session_id" IS NULL AND p."updated_at" <= r."revoked_at"));
	RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "push_subscriptions_end_with_sessions"() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER "push_subscriptions_end_with_sessions" AFTER INSERT ON "revocations"
	REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT
	EXECUTE FUNCTION "push_subscriptions_end_with_sessions"();
