CREATE TABLE "adopter_households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"enquiry_on" date NOT NULL,
	"registration_accepted_on" date,
	"stage_one_completed_on" date,
	"stage_two_started_on" date,
	"approved_on" date,
	"ended_on" date,
	"end_reason" text,
	"number_of_adopters" integer NOT NULL,
	"sexes" text NOT NULL,
	"legal_status" text NOT NULL,
	"ethnic_group" text NOT NULL,
	"max_children" integer NOT NULL,
	"age_from" integer NOT NULL,
	"age_to" integer NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "adopter_sexes_check" CHECK ("adopter_households"."sexes" in ('M1','F1','MM','FF','MF')),
	CONSTRAINT "adopter_legal_status_check" CHECK ("adopter_households"."legal_status" in ('L0','L11','L12','L2','L3','L4')),
	CONSTRAINT "adopter_ethnic_group_check" CHECK ("adopter_households"."ethnic_group" in ('white','mixed','asian','black','other')),
	CONSTRAINT "adopter_number_check" CHECK ("adopter_households"."number_of_adopters" in (1, 2)),
	CONSTRAINT "adopter_children_check" CHECK ("adopter_households"."max_children" between 1 and 4),
	CONSTRAINT "adopter_age_check" CHECK ("adopter_households"."age_from" >= 0 and "adopter_households"."age_to" >= "adopter_households"."age_from" and "adopter_households"."age_to" <= 17),
	CONSTRAINT "adopter_stages_check" CHECK (("adopter_households"."registration_accepted_on" is null or "adopter_households"."registration_accepted_on" >= "adopter_households"."enquiry_on")
          and ("adopter_households"."stage_one_completed_on" is null or "adopter_households"."stage_one_completed_on" >= "adopter_households"."registration_accepted_on")
          and ("adopter_households"."stage_two_started_on" is null or "adopter_households"."stage_two_started_on" >= "adopter_households"."stage_one_completed_on")
          and ("adopter_households"."approved_on" is null or "adopter_households"."approved_on" >= "adopter_households"."stage_two_started_on")),
	CONSTRAINT "adopter_end_check" CHECK (("adopter_households"."ended_on" is null) = ("adopter_households"."end_reason" is null) and ("adopter_households"."ended_on" is null or "adopter_households"."ended_on" >= "adopter_households"."enquiry_on")),
	CONSTRAINT "adopter_end_reason_check" CHECK ("adopter_households"."end_reason" is null or "adopter_households"."end_reason" in ('withdrew','not_suitable','approval_ended'))
);
--> statement-breakpoint
CREATE TABLE "adoption_journeys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"decided_on" date NOT NULL,
	"early_permanence" text,
	"siblings_to_place_with" integer DEFAULT 0 NOT NULL,
	"authority_on" date,
	"authority_basis" text,
	"match_panel_on" date,
	"matched_on" date,
	"adopter_id" uuid,
	"moved_in_on" date,
	"placed_on" date,
	"foster_carer_adoption" boolean DEFAULT false NOT NULL,
	"adoption_order_on" date,
	"plan_changed_on" date,
	"plan_change_reason" text,
	"plan_change_detail" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "aj_early_permanence_check" CHECK ("adoption_journeys"."early_permanence" is null or "adoption_journeys"."early_permanence" in ('foster_to_adopt','concurrent_planning')),
	CONSTRAINT "aj_siblings_check" CHECK ("adoption_journeys"."siblings_to_place_with" between 0 and 9),
	CONSTRAINT "aj_authority_check" CHECK (("adoption_journeys"."authority_on" is null) = ("adoption_journeys"."authority_basis" is null) and ("adoption_journeys"."authority_basis" is null or "adoption_journeys"."authority_basis" in ('placement_order','consent'))),
	CONSTRAINT "aj_match_check" CHECK (("adoption_journeys"."matched_on" is null) = ("adoption_journeys"."adopter_id" is null) and ("adoption_journeys"."matched_on" is null or "adoption_journeys"."matched_on" >= "adoption_journeys"."decided_on")
          and ("adoption_journeys"."match_panel_on" is null or ("adoption_journeys"."matched_on" is not null and "adoption_journeys"."match_panel_on" <= "adoption_journeys"."matched_on"))),
	CONSTRAINT "aj_placed_check" CHECK ("adoption_journeys"."placed_on" is null or ("adoption_journeys"."matched_on" is not null and "adoption_journeys"."authority_on" is not null and "adoption_journeys"."placed_on" >= "adoption_journeys"."matched_on" and "adoption_journeys"."placed_on" >= "adoption_journeys"."authority_on")),
	CONSTRAINT "aj_moved_in_check" CHECK ("adoption_journeys"."moved_in_on" is null or ("adoption_journeys"."placed_on" is not null and "adoption_journeys"."moved_in_on" <= "adoption_journeys"."placed_on")),
	CONSTRAINT "aj_order_check" CHECK ("adoption_journeys"."adoption_order_on" is null or ("adoption_journeys"."placed_on" is not null and "adoption_journeys"."adoption_order_on" >= "adoption_journeys"."placed_on")),
	CONSTRAINT "aj_plan_change_check" CHECK (("adoption_journeys"."plan_changed_on" is null) = ("adoption_journeys"."plan_change_reason" is null)
          and ("adoption_journeys"."plan_change_reason" is null or "adoption_journeys"."plan_change_reason" in ('RD1','RD2','RD3','RD4'))
          and ("adoption_journeys"."plan_changed_on" is null or ("adoption_journeys"."plan_changed_on" >= "adoption_journeys"."decided_on" and "adoption_journeys"."adoption_order_on" is null)))
);
--> statement-breakpoint
CREATE TABLE "adoption_panel_amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"description" text NOT NULL,
	"done_on" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "adoption_panel_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject" text NOT NULL,
	"child_id" uuid,
	"adopter_id" uuid,
	"panel_on" date NOT NULL,
	"recommendation" text NOT NULL,
	"feedback" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "apr_subject_check" CHECK ("adoption_panel_reports"."subject" in ('approval','match','plan')),
	CONSTRAINT "apr_about_check" CHECK (("adoption_panel_reports"."subject" = 'approval' and "adoption_panel_reports"."adopter_id" is not null and "adoption_panel_reports"."child_id" is null) or ("adoption_panel_reports"."subject" <> 'approval' and "adoption_panel_reports"."child_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "adoption_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"journey_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"visit_interval_weeks" integer,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "ar_interval_check" CHECK ("adoption_reviews"."visit_interval_weeks" is null or "adoption_reviews"."visit_interval_weeks" between 1 and 52)
);
--> statement-breakpoint
CREATE TABLE "previous_permanence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"code" text NOT NULL,
	"arranged_by" text,
	"made_on" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "pp_code_check" CHECK ("previous_permanence"."code" in ('P1','P2','P3','P4','Z1')),
	CONSTRAINT "pp_none_check" CHECK ("previous_permanence"."code" <> 'Z1' or ("previous_permanence"."arranged_by" is null and "previous_permanence"."made_on" is null))
);
--> statement-breakpoint
ALTER TABLE "adopter_households" ADD CONSTRAINT "adopter_households_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_journeys" ADD CONSTRAINT "adoption_journeys_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_journeys" ADD CONSTRAINT "adoption_journeys_adopter_id_adopter_households_id_fk" FOREIGN KEY ("adopter_id") REFERENCES "public"."adopter_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_journeys" ADD CONSTRAINT "adoption_journeys_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_panel_amendments" ADD CONSTRAINT "adoption_panel_amendments_report_id_adoption_panel_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."adoption_panel_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_panel_amendments" ADD CONSTRAINT "adoption_panel_amendments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_panel_reports" ADD CONSTRAINT "adoption_panel_reports_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_panel_reports" ADD CONSTRAINT "adoption_panel_reports_adopter_id_adopter_households_id_fk" FOREIGN KEY ("adopter_id") REFERENCES "public"."adopter_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_panel_reports" ADD CONSTRAINT "adoption_panel_reports_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_reviews" ADD CONSTRAINT "adoption_reviews_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_reviews" ADD CONSTRAINT "adoption_reviews_journey_id_adoption_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."adoption_journeys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoption_reviews" ADD CONSTRAINT "adoption_reviews_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "previous_permanence" ADD CONSTRAINT "previous_permanence_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "previous_permanence" ADD CONSTRAINT "previous_permanence_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adopter_households_approved_idx" ON "adopter_households" USING btree ("approved_on");--> statement-breakpoint
CREATE UNIQUE INDEX "aj_open_idx" ON "adoption_journeys" USING btree ("child_id") WHERE "adoption_journeys"."adoption_order_on" is null and "adoption_journeys"."plan_changed_on" is null;--> statement-breakpoint
CREATE INDEX "aj_child_idx" ON "adoption_journeys" USING btree ("child_id","decided_on");--> statement-breakpoint
CREATE INDEX "aj_order_idx" ON "adoption_journeys" USING btree ("adoption_order_on");--> statement-breakpoint
CREATE INDEX "apa_report_idx" ON "adoption_panel_amendments" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "apr_panel_idx" ON "adoption_panel_reports" USING btree ("panel_on");--> statement-breakpoint
CREATE INDEX "ar_child_idx" ON "adoption_reviews" USING btree ("child_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "pp_child_idx" ON "previous_permanence" USING btree ("child_id");