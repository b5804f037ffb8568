CREATE TABLE "obligation_rebuilds" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"setting_change_id" bigint,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"runner" uuid,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"children_total" integer,
	"children_done" integer DEFAULT 0 NOT NULL,
	"last_child_id" uuid,
	"obligations" integer DEFAULT 0 NOT NULL,
	"failure" text,
	CONSTRAINT "obligation_rebuilds_state" CHECK ("obligation_rebuilds"."state" in ('queued', 'running', 'finished', 'failed', 'superseded'))
);
--> statement-breakpoint
ALTER TABLE "policy_settings" ADD COLUMN "submission" uuid;--> statement-breakpoint
ALTER TABLE "obligation_rebuilds" ADD CONSTRAINT "obligation_rebuilds_setting_change_id_policy_settings_id_fk" FOREIGN KEY ("setting_change_id") REFERENCES "public"."policy_settings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "obligation_rebuilds_unfinished_idx" ON "obligation_rebuilds" USING btree ("id") WHERE "obligation_rebuilds"."state" in ('queued', 'running');--> statement-breakpoint
ALTER TABLE "policy_settings" ADD CONSTRAINT "policy_settings_submission_unique" UNIQUE("submission");