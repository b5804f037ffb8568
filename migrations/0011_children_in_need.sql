CREATE TABLE "case_closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"closed_date" date NOT NULL,
	"reason" text NOT NULL,
	"summary" text NOT NULL,
	"step_down_to_early_help" boolean DEFAULT false NOT NULL,
	"early_help_provider" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "case_closures_reason_check" CHECK ("case_closures"."reason" in ('RC1','RC2','RC3','RC4','RC5','RC6','RC7','RC8','RC9')),
	CONSTRAINT "case_closures_step_down_check" CHECK ("case_closures"."step_down_to_early_help" = ("case_closures"."early_help_provider" is not null))
);
--> statement-breakpoint
CREATE TABLE "cin_plan_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"cin_plan_id" uuid NOT NULL,
	"action" text NOT NULL,
	"owner" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cin_plan_actions_status_check" CHECK ("cin_plan_actions"."status" in ('not_started','in_progress','completed','not_completed'))
);
--> statement-breakpoint
CREATE TABLE "cin_plan_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"cin_plan_id" uuid NOT NULL,
	"review_date" date NOT NULL,
	"attendance" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"child_views" text,
	"decisions" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cin_plan_reviews_attendance_check" CHECK (jsonb_typeof("cin_plan_reviews"."attendance") = 'array')
);
--> statement-breakpoint
CREATE TABLE "cin_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"end_reason" text,
	"outcomes" text[] DEFAULT '{}'::text[] NOT NULL,
	"contingency" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cin_plans_end_check" CHECK ("cin_plans"."end_date" is null or "cin_plans"."end_date" >= "cin_plans"."start_date"),
	CONSTRAINT "cin_plans_end_reason_check" CHECK (("cin_plans"."end_date" is null) = ("cin_plans"."end_reason" is null)),
	CONSTRAINT "cin_plans_end_reason_code_check" CHECK ("cin_plans"."end_reason" is null or "cin_plans"."end_reason" in ('needs_met','step_down_early_help','child_protection_plan','became_looked_after','moved_to_another_authority','family_withdrew_consent','other','case_closed'))
);
--> statement-breakpoint
CREATE TABLE "transition_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"started_date" date NOT NULL,
	"lead" text NOT NULL,
	"adult_services_involved" boolean NOT NULL,
	"summary" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "transition_plans_child_id_unique" UNIQUE("child_id")
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"event_date" date NOT NULL,
	"event_time" text,
	"summary" text NOT NULL,
	"note" text NOT NULL,
	"recorded_date" date NOT NULL,
	"recording_working_days" integer NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	"worker_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "case_notes_kind_check" CHECK ("case_notes"."kind" in ('visit','telephone_call','management_oversight','supervision_discussion','multi_agency_meeting')),
	CONSTRAINT "case_notes_time_check" CHECK ("case_notes"."event_time" is null or "case_notes"."event_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "case_notes_recorded_check" CHECK ("case_notes"."recorded_date" >= "case_notes"."event_date" and "case_notes"."recording_working_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "dispute_stages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"dispute_id" uuid NOT NULL,
	"stage" integer NOT NULL,
	"started_date" date NOT NULL,
	"addressed_to" text NOT NULL,
	"due_date" date NOT NULL,
	"responded_date" date,
	"response" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispute_stages_stage_check" CHECK ("dispute_stages"."stage" between 1 and 4),
	CONSTRAINT "dispute_stages_response_check" CHECK (("dispute_stages"."responded_date" is null) = ("dispute_stages"."response" is null) and ("dispute_stages"."responded_date" is null or "dispute_stages"."responded_date" >= "dispute_stages"."started_date"))
);
--> statement-breakpoint
CREATE TABLE "plan_disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"plan_kind" text NOT NULL,
	"cp_plan_id" uuid,
	"cin_plan_id" uuid,
	"raised_by_role" text NOT NULL,
	"raised_by_name" text NOT NULL,
	"raised_date" date NOT NULL,
	"concern" text NOT NULL,
	"resolved_date" date,
	"resolution" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_disputes_plan_check" CHECK (("plan_disputes"."plan_kind" = 'child_protection' and "plan_disputes"."cp_plan_id" is not null and "plan_disputes"."cin_plan_id" is null) or ("plan_disputes"."plan_kind" = 'child_in_need' and "plan_disputes"."cin_plan_id" is not null and "plan_disputes"."cp_plan_id" is null)),
	CONSTRAINT "plan_disputes_raiser_check" CHECK ("plan_disputes"."raised_by_role" in ('conference_chair','reviewing_officer')),
	CONSTRAINT "plan_disputes_resolved_check" CHECK (("plan_disputes"."resolved_date" is null) = ("plan_disputes"."resolution" is null) and ("plan_disputes"."resolved_date" is null or "plan_disputes"."resolved_date" >= "plan_disputes"."raised_date"))
);
--> statement-breakpoint
ALTER TABLE "case_closures" ADD CONSTRAINT "case_closures_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_closures" ADD CONSTRAINT "case_closures_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cin_plan_actions" ADD CONSTRAINT "cin_plan_actions_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cin_plan_actions" ADD CONSTRAINT "cin_plan_actions_cin_plan_id_cin_plans_id_fk" FOREIGN KEY ("cin_plan_id") REFERENCES "public"."cin_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cin_plan_reviews" ADD CONSTRAINT "cin_plan_reviews_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cin_plan_reviews" ADD CONSTRAINT "cin_plan_reviews_cin_plan_id_cin_plans_id_fk" FOREIGN KEY ("cin_plan_id") REFERENCES "public"."cin_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cin_plan_reviews" ADD CONSTRAINT "cin_plan_reviews_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cin_plans" ADD CONSTRAINT "cin_plans_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cin_plans" ADD CONSTRAINT "cin_plans_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cin_plans" ADD CONSTRAINT "cin_plans_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_plans" ADD CONSTRAINT "transition_plans_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_plans" ADD CONSTRAINT "transition_plans_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_stages" ADD CONSTRAINT "dispute_stages_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_stages" ADD CONSTRAINT "dispute_stages_dispute_id_plan_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."plan_disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_disputes" ADD CONSTRAINT "plan_disputes_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_disputes" ADD CONSTRAINT "plan_disputes_cp_plan_id_cp_plans_id_fk" FOREIGN KEY ("cp_plan_id") REFERENCES "public"."cp_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_disputes" ADD CONSTRAINT "plan_disputes_cin_plan_id_cin_plans_id_fk" FOREIGN KEY ("cin_plan_id") REFERENCES "public"."cin_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_disputes" ADD CONSTRAINT "plan_disputes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_closures_child_idx" ON "case_closures" USING btree ("child_id","closed_date");--> statement-breakpoint
CREATE INDEX "cin_plan_actions_plan_idx" ON "cin_plan_actions" USING btree ("cin_plan_id","due_date");--> statement-breakpoint
CREATE INDEX "cin_plan_reviews_plan_idx" ON "cin_plan_reviews" USING btree ("cin_plan_id","review_date");--> statement-breakpoint
CREATE INDEX "cin_plan_reviews_child_idx" ON "cin_plan_reviews" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cin_plans_open_idx" ON "cin_plans" USING btree ("child_id") WHERE "cin_plans"."end_date" is null;--> statement-breakpoint
CREATE INDEX "cin_plans_child_idx" ON "cin_plans" USING btree ("child_id","start_date");--> statement-breakpoint
CREATE INDEX "case_notes_child_idx" ON "case_notes" USING btree ("child_id","event_date");--> statement-breakpoint
CREATE UNIQUE INDEX "dispute_stages_stage_idx" ON "dispute_stages" USING btree ("dispute_id","stage");--> statement-breakpoint
CREATE INDEX "plan_disputes_child_idx" ON "plan_disputes" USING btree ("child_id","raised_date");