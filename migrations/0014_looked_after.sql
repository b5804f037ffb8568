CREATE TABLE "care_episodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"care_period_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"reason_new" text NOT NULL,
	"legal_status" text NOT NULL,
	"category_of_need" text NOT NULL,
	"placement_id" uuid NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_episodes_rne_check" CHECK ("care_episodes"."reason_new" in ('S','L','P','T','B','U')),
	CONSTRAINT "care_episodes_ls_check" CHECK ("care_episodes"."legal_status" in ('C1','C2','D1','E1','V2','V3','V4','L1','L2','L3','J1','J2','J3')),
	CONSTRAINT "care_episodes_cin_check" CHECK ("care_episodes"."category_of_need" in ('N1','N2','N3','N4','N5','N6','N7','N8'))
);
--> statement-breakpoint
CREATE TABLE "care_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"reason_ceased" text,
	"short_breaks" boolean DEFAULT false NOT NULL,
	"iro_name" text,
	"iro_appointed_date" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "care_periods_end_check" CHECK ("care_periods"."end_date" is null or "care_periods"."end_date" >= "care_periods"."start_date"),
	CONSTRAINT "care_periods_reason_check" CHECK (("care_periods"."end_date" is null) = ("care_periods"."reason_ceased" is null)),
	CONSTRAINT "care_periods_reason_code_check" CHECK ("care_periods"."reason_ceased" is null or "care_periods"."reason_ceased" in ('E11','E12','E2','E3','E4A','E4B','E13','E41','E45','E46','E47','E48','E5','E6','E7','E9','E14','E15','E16','E17','E8')),
	CONSTRAINT "care_periods_iro_check" CHECK (("care_periods"."iro_name" is null) = ("care_periods"."iro_appointed_date" is null))
);
--> statement-breakpoint
CREATE TABLE "looked_after_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"care_period_id" uuid NOT NULL,
	"review_date" date NOT NULL,
	"participation" text NOT NULL,
	"iro_name" text NOT NULL,
	"decisions_circulated_date" date,
	"record_completed_date" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "looked_after_reviews_code_check" CHECK ("looked_after_reviews"."participation" in ('PN0','PN1','PN2','PN3','PN4','PN5','PN6','PN7')),
	CONSTRAINT "looked_after_reviews_follow_up_check" CHECK (("looked_after_reviews"."decisions_circulated_date" is null or "looked_after_reviews"."decisions_circulated_date" >= "looked_after_reviews"."review_date") and ("looked_after_reviews"."record_completed_date" is null or "looked_after_reviews"."record_completed_date" >= "looked_after_reviews"."review_date"))
);
--> statement-breakpoint
CREATE TABLE "placement_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"change_date" date NOT NULL,
	"intended_to_age_18" boolean NOT NULL,
	"visit_regime" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placement_changes_regime_check" CHECK ("placement_changes"."visit_regime" in ('standard','parent_pending_assessment','temporary_connected_person','interim_care_order_with_parent','care_order_at_home'))
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"care_period_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"reason_for_change" text,
	"placement_type" text NOT NULL,
	"provider" text,
	"provider_name" text,
	"urn" text,
	"placement_postcode" text,
	"home_postcode" text,
	"intended_to_age_18" boolean DEFAULT false NOT NULL,
	"visit_regime" text DEFAULT 'standard' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placements_end_check" CHECK ("placements"."end_date" is null or "placements"."end_date" >= "placements"."start_date"),
	CONSTRAINT "placements_type_check" CHECK ("placements"."placement_type" in ('A3','A4','A5','A6','K1','K2','K3','P1','P3','R1','R2','R3','R5','S1','T0','T1','T2','T3','T4','U1','U2','U3','U4','U5','U6','Z1','Z11','Z12','Z13','Z14')),
	CONSTRAINT "placements_provider_check" CHECK ("placements"."provider" is null or "placements"."provider" in ('PR0','PR1','PR2','PR3','PR4','PR5')),
	CONSTRAINT "placements_reason_check" CHECK ("placements"."reason_for_change" is null or "placements"."reason_for_change" in ('CARPL','CLOSE','ALLEG','STAND','APPRR','CREQB','CREQO','CHILD','LAREQ','PLACE','CUSTOD','OTHER')),
	CONSTRAINT "placements_regime_check" CHECK ("placements"."visit_regime" in ('standard','parent_pending_assessment','temporary_connected_person','interim_care_order_with_parent','care_order_at_home'))
);
--> statement-breakpoint
ALTER TABLE "care_episodes" ADD CONSTRAINT "care_episodes_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_episodes" ADD CONSTRAINT "care_episodes_care_period_id_care_periods_id_fk" FOREIGN KEY ("care_period_id") REFERENCES "public"."care_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_episodes" ADD CONSTRAINT "care_episodes_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_episodes" ADD CONSTRAINT "care_episodes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_periods" ADD CONSTRAINT "care_periods_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_periods" ADD CONSTRAINT "care_periods_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "looked_after_reviews" ADD CONSTRAINT "looked_after_reviews_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "looked_after_reviews" ADD CONSTRAINT "looked_after_reviews_care_period_id_care_periods_id_fk" FOREIGN KEY ("care_period_id") REFERENCES "public"."care_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "looked_after_reviews" ADD CONSTRAINT "looked_after_reviews_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_changes" ADD CONSTRAINT "placement_changes_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_changes" ADD CONSTRAINT "placement_changes_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_changes" ADD CONSTRAINT "placement_changes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_care_period_id_care_periods_id_fk" FOREIGN KEY ("care_period_id") REFERENCES "public"."care_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "care_episodes_child_start_idx" ON "care_episodes" USING btree ("child_id","start_date");--> statement-breakpoint
CREATE INDEX "care_episodes_period_idx" ON "care_episodes" USING btree ("care_period_id","start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "care_periods_open_idx" ON "care_periods" USING btree ("child_id") WHERE "care_periods"."end_date" is null;--> statement-breakpoint
CREATE INDEX "care_periods_child_idx" ON "care_periods" USING btree ("child_id","start_date");--> statement-breakpoint
CREATE INDEX "looked_after_reviews_period_idx" ON "looked_after_reviews" USING btree ("care_period_id","review_date");--> statement-breakpoint
CREATE INDEX "looked_after_reviews_child_idx" ON "looked_after_reviews" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "placement_changes_placement_date_idx" ON "placement_changes" USING btree ("placement_id","change_date");--> statement-breakpoint
CREATE INDEX "placement_changes_child_idx" ON "placement_changes" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "placements_open_idx" ON "placements" USING btree ("child_id") WHERE "placements"."end_date" is null;--> statement-breakpoint
CREATE INDEX "placements_period_idx" ON "placements" USING btree ("care_period_id","start_date");--> statement-breakpoint
CREATE INDEX "placements_child_idx" ON "placements" USING btree ("child_id");