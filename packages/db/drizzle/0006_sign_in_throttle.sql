CREATE TABLE "sign_in_throttle" (
	"email_digest" text PRIMARY KEY NOT NULL,
	"attempts" integer NOT NULL,
	"blocked_until" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sign_in_throttle_updated_at_idx" ON "sign_in_throttle" USING btree ("updated_at");