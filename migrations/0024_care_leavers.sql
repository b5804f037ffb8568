CREATE TABLE "care_leaver_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"contact_on" date NOT NULL,
	"in_touch" text NOT NULL,
	"seen_by_adviser" boolean NOT NULL,
	"accommodation_type" text,
	"accommodation_suitable" boolean,
	"activity" text,
	"notes" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "clc_in_touch_check" CHECK ("care_leaver_contacts"."in_touch" in ('YES','NO','DIED','REFU','NREQ','RHOM')),
	CONSTRAINT "clc_activity_check" CHECK ("care_leaver_contacts"."activity" is null or "care_leaver_contacts"."activity" in ('F1','P1','F2','P2','F4','P4','F5','P5','G4','G5','G6')),
	CONSTRAINT "clc_accommodation_check" CHECK ("care_leaver_contacts"."accommodation_type" is null or "care_leaver_contacts"."accommodation_type" in ('B','C','D','E','G','H','K','R','S','T','U','V','W','X','Y','Z')),
	CONSTRAINT "clc_suitable_check" CHECK (("care_leaver_contacts"."accommodation_type" is null) = ("care_leaver_contacts"."accommodation_suitable" is null)),
	CONSTRAINT "clc_seen_check" CHECK ("care_leaver_contacts"."in_touch" = 'YES' or not "care_leaver_contacts"."seen_by_adviser")
);
--> statement-breakpoint
CREATE TABLE "care_leavers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"needs_assessment_completed_on" date,
	"pathway_plan_completed_on" date,
	"personal_adviser_name" text,
	"personal_adviser_appointed_on" date,
	"accommodation_provided_from" date,
	"staying_put_from" date,
	"staying_put_to" date,
	"health_summary" text,
	"health_summary_given_on" date,
	"support_ended_on" date,
	"support_end_reason" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "care_leavers_adviser_check" CHECK (("care_leavers"."personal_adviser_appointed_on" is null) = ("care_leavers"."personal_adviser_name" is null)),
	CONSTRAINT "care_leavers_staying_put_check" CHECK ("care_leavers"."staying_put_to" is null or ("care_leavers"."staying_put_from" is not null and "care_leavers"."staying_put_to" >= "care_leavers"."staying_put_from")),
	CONSTRAINT "care_leavers_health_summary_check" CHECK ("care_leavers"."health_summary_given_on" is null or "care_leavers"."health_summary" is not null),
	CONSTRAINT "care_leavers_end_check" CHECK (("care_leavers"."support_ended_on" is null) = ("care_leavers"."support_end_reason" is null)),
	CONSTRAINT "care_leavers_end_reason_check" CHECK ("care_leavers"."support_end_reason" is null or "care_leavers"."support_end_reason" in ('no_longer_wanted','returned_home','moved_to_another_authority','died','other'))
);
--> statement-breakpoint
CREATE TABLE "pathway_plan_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"reviewed_on" date NOT NULL,
	"summary" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_leaver_contacts" ADD CONSTRAINT "care_leaver_contacts_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_leaver_contacts" ADD CONSTRAINT "care_leaver_contacts_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_leavers" ADD CONSTRAINT "care_leavers_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_leavers" ADD CONSTRAINT "care_leavers_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_plan_reviews" ADD CONSTRAINT "pathway_plan_reviews_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_plan_reviews" ADD CONSTRAINT "pathway_plan_reviews_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clc_child_idx" ON "care_leaver_contacts" USING btree ("child_id","contact_on");--> statement-breakpoint
CREATE UNIQUE INDEX "care_leavers_child_idx" ON "care_leavers" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pathway_plan_reviews_day_idx" ON "pathway_plan_reviews" USING btree ("child_id","reviewed_on");