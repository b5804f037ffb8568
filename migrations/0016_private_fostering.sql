CREATE TABLE "private_fostering_arrangements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"notified_on" date NOT NULL,
	"notified_by" text NOT NULL,
	"notifier_detail" text,
	"arrangement_started_on" date NOT NULL,
	"carer_name" text NOT NULL,
	"carer_postcode" text NOT NULL,
	"carer_relationship" text NOT NULL,
	"parents_details" text NOT NULL,
	"expected_duration" text NOT NULL,
	"assessment_started_on" date,
	"assessment_completed_on" date,
	"assessment_outcome" text,
	"ended_on" date,
	"end_reason" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "pf_notified_by_check" CHECK ("private_fostering_arrangements"."notified_by" in ('parent','carer','school','other')),
	CONSTRAINT "pf_end_check" CHECK ("private_fostering_arrangements"."ended_on" is null or ("private_fostering_arrangements"."ended_on" >= "private_fostering_arrangements"."arrangement_started_on" and "private_fostering_arrangements"."ended_on" >= "private_fostering_arrangements"."notified_on")),
	CONSTRAINT "pf_end_reason_check" CHECK (("private_fostering_arrangements"."ended_on" is null) = ("private_fostering_arrangements"."end_reason" is null)),
	CONSTRAINT "pf_end_reason_code_check" CHECK ("private_fostering_arrangements"."end_reason" is null or "private_fostering_arrangements"."end_reason" in ('returned_to_parents','moved_to_another_carer','became_looked_after','reached_age_limit','prohibited','left_the_area','other')),
	CONSTRAINT "pf_assessment_check" CHECK (("private_fostering_arrangements"."assessment_completed_on" is null or ("private_fostering_arrangements"."assessment_started_on" is not null and "private_fostering_arrangements"."assessment_completed_on" >= "private_fostering_arrangements"."assessment_started_on"))
          and ("private_fostering_arrangements"."assessment_completed_on" is null) = ("private_fostering_arrangements"."assessment_outcome" is null)),
	CONSTRAINT "pf_assessment_outcome_check" CHECK ("private_fostering_arrangements"."assessment_outcome" is null or "private_fostering_arrangements"."assessment_outcome" in ('suitable','not_suitable','requirements_imposed','prohibited'))
);
--> statement-breakpoint
ALTER TABLE "private_fostering_arrangements" ADD CONSTRAINT "private_fostering_arrangements_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "private_fostering_arrangements" ADD CONSTRAINT "private_fostering_arrangements_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pf_open_idx" ON "private_fostering_arrangements" USING btree ("child_id") WHERE "private_fostering_arrangements"."ended_on" is null;--> statement-breakpoint
CREATE INDEX "pf_child_idx" ON "private_fostering_arrangements" USING btree ("child_id","notified_on");--> statement-breakpoint
CREATE INDEX "pf_notified_idx" ON "private_fostering_arrangements" USING btree ("notified_on");