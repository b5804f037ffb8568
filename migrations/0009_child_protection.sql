CREATE TABLE "core_group_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"cp_plan_id" uuid NOT NULL,
	"meeting_date" date NOT NULL,
	"attendance" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actions_reviewed" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"notes" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "core_group_meetings_attendance_check" CHECK (jsonb_typeof("core_group_meetings"."attendance") = 'array')
);
--> statement-breakpoint
CREATE TABLE "cp_conferences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"type" text NOT NULL,
	"s47_enquiry_id" uuid,
	"cp_plan_id" uuid,
	"conference_date" date NOT NULL,
	"chair" text NOT NULL,
	"attendance" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"parents_participation" text NOT NULL,
	"child_participation" text NOT NULL,
	"social_worker_attended" boolean NOT NULL,
	"report_submitted_date" date,
	"report_shared_with_family_date" date,
	"decision" text NOT NULL,
	"category_of_abuse" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cp_conferences_type_check" CHECK ("cp_conferences"."type" in ('initial','pre_birth','review')),
	CONSTRAINT "cp_conferences_belongs_check" CHECK (("cp_conferences"."type" = 'review') = ("cp_conferences"."cp_plan_id" is not null) and ("cp_conferences"."type" = 'review') = ("cp_conferences"."s47_enquiry_id" is null)),
	CONSTRAINT "cp_conferences_decision_check" CHECK (("cp_conferences"."type" = 'review' and "cp_conferences"."decision" in ('continue_plan','end_plan')) or ("cp_conferences"."type" <> 'review' and "cp_conferences"."decision" in ('cp_plan','no_plan'))),
	CONSTRAINT "cp_conferences_category_check" CHECK (("cp_conferences"."category_of_abuse" is not null) = ("cp_conferences"."decision" in ('cp_plan','continue_plan'))),
	CONSTRAINT "cp_conferences_category_code_check" CHECK ("cp_conferences"."category_of_abuse" is null or "cp_conferences"."category_of_abuse" in ('NEG','PHY','SAB','EMO','MUL')),
	CONSTRAINT "cp_conferences_participation_check" CHECK ("cp_conferences"."parents_participation" in ('attended','views_shared','did_not_take_part') and "cp_conferences"."child_participation" in ('attended','views_shared','did_not_take_part','too_young')),
	CONSTRAINT "cp_conferences_attendance_check" CHECK (jsonb_typeof("cp_conferences"."attendance") = 'array')
);
--> statement-breakpoint
CREATE TABLE "cp_plan_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"cp_plan_id" uuid NOT NULL,
	"action" text NOT NULL,
	"owner" text NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cp_plan_actions_status_check" CHECK ("cp_plan_actions"."status" in ('not_started','in_progress','completed','not_completed'))
);
--> statement-breakpoint
CREATE TABLE "cp_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"initial_conference_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"end_reason" text,
	"initial_category" text NOT NULL,
	"latest_category" text NOT NULL,
	"outcomes" text[] DEFAULT '{}'::text[] NOT NULL,
	"contingency" text,
	"finalised_date" date,
	"finalised_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cp_plans_initial_conference_id_unique" UNIQUE("initial_conference_id"),
	CONSTRAINT "cp_plans_end_check" CHECK ("cp_plans"."end_date" is null or "cp_plans"."end_date" >= "cp_plans"."start_date"),
	CONSTRAINT "cp_plans_end_reason_check" CHECK (("cp_plans"."end_date" is null) = ("cp_plans"."end_reason" is null)),
	CONSTRAINT "cp_plans_end_reason_code_check" CHECK ("cp_plans"."end_reason" is null or "cp_plans"."end_reason" in ('review_decision','moved_to_another_authority','became_looked_after','reached_18','died','other')),
	CONSTRAINT "cp_plans_category_check" CHECK ("cp_plans"."initial_category" in ('NEG','PHY','SAB','EMO','MUL') and "cp_plans"."latest_category" in ('NEG','PHY','SAB','EMO','MUL')),
	CONSTRAINT "cp_plans_finalised_check" CHECK ("cp_plans"."finalised_date" is null or ("cp_plans"."contingency" is not null and cardinality("cp_plans"."outcomes") > 0))
);
--> statement-breakpoint
CREATE TABLE "s47_enquiries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"strategy_discussion_id" uuid NOT NULL,
	"referral_id" uuid,
	"start_date" date NOT NULL,
	"child_seen" boolean,
	"seen_alone" boolean,
	"outcome" text,
	"conference_required" boolean,
	"conference_not_required_reason" text,
	"end_date" date,
	"completed_by" uuid,
	"authorised_by" uuid,
	"authorised_date" date,
	"recorded_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "s47_enquiries_strategy_discussion_id_unique" UNIQUE("strategy_discussion_id"),
	CONSTRAINT "s47_enquiries_outcome_check" CHECK ("s47_enquiries"."outcome" is null or "s47_enquiries"."outcome" in ('substantiated','not_substantiated')),
	CONSTRAINT "s47_enquiries_end_check" CHECK ("s47_enquiries"."end_date" is null or "s47_enquiries"."end_date" >= "s47_enquiries"."start_date"),
	CONSTRAINT "s47_enquiries_completed_check" CHECK (("s47_enquiries"."end_date" is null) = ("s47_enquiries"."outcome" is null) and ("s47_enquiries"."end_date" is null) = ("s47_enquiries"."conference_required" is null) and ("s47_enquiries"."end_date" is null or "s47_enquiries"."child_seen" is not null)),
	CONSTRAINT "s47_enquiries_reason_check" CHECK ("s47_enquiries"."conference_required" is distinct from false or "s47_enquiries"."conference_not_required_reason" is not null),
	CONSTRAINT "s47_enquiries_seen_alone_check" CHECK (not coalesce("s47_enquiries"."seen_alone", false) or "s47_enquiries"."child_seen"),
	CONSTRAINT "s47_enquiries_authorised_check" CHECK ("s47_enquiries"."authorised_date" is null or ("s47_enquiries"."end_date" is not null and "s47_enquiries"."authorised_by" is not null))
);
--> statement-breakpoint
CREATE TABLE "strategy_discussions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"referral_id" uuid,
	"contact_id" uuid,
	"concern_at" timestamp with time zone NOT NULL,
	"concern" text NOT NULL,
	"held_at" timestamp with time zone,
	"participants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"information_shared" text,
	"decisions" text[] DEFAULT '{}'::text[] NOT NULL,
	"authorised_by" uuid,
	"authorised_date" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "strategy_discussions_participants_check" CHECK (jsonb_typeof("strategy_discussions"."participants") = 'array'),
	CONSTRAINT "strategy_discussions_held_check" CHECK ("strategy_discussions"."held_at" is null or "strategy_discussions"."held_at" >= "strategy_discussions"."concern_at"),
	CONSTRAINT "strategy_discussions_decisions_check" CHECK ("strategy_discussions"."decisions" <@ array['s47_enquiry','single_assessment','police_investigation','no_further_action']::text[]),
	CONSTRAINT "strategy_discussions_decided_check" CHECK (("strategy_discussions"."held_at" is null) = (cardinality("strategy_discussions"."decisions") = 0)),
	CONSTRAINT "strategy_discussions_authorised_check" CHECK (("strategy_discussions"."authorised_date" is null) or ("strategy_discussions"."held_at" is not null and "strategy_discussions"."authorised_by" is not null))
);
--> statement-breakpoint
ALTER TABLE "core_group_meetings" ADD CONSTRAINT "core_group_meetings_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_group_meetings" ADD CONSTRAINT "core_group_meetings_cp_plan_id_cp_plans_id_fk" FOREIGN KEY ("cp_plan_id") REFERENCES "public"."cp_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_group_meetings" ADD CONSTRAINT "core_group_meetings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_conferences" ADD CONSTRAINT "cp_conferences_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_conferences" ADD CONSTRAINT "cp_conferences_s47_enquiry_id_s47_enquiries_id_fk" FOREIGN KEY ("s47_enquiry_id") REFERENCES "public"."s47_enquiries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_conferences" ADD CONSTRAINT "cp_conferences_cp_plan_id_cp_plans_id_fk" FOREIGN KEY ("cp_plan_id") REFERENCES "public"."cp_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_conferences" ADD CONSTRAINT "cp_conferences_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_plan_actions" ADD CONSTRAINT "cp_plan_actions_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_plan_actions" ADD CONSTRAINT "cp_plan_actions_cp_plan_id_cp_plans_id_fk" FOREIGN KEY ("cp_plan_id") REFERENCES "public"."cp_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_plans" ADD CONSTRAINT "cp_plans_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_plans" ADD CONSTRAINT "cp_plans_initial_conference_id_cp_conferences_id_fk" FOREIGN KEY ("initial_conference_id") REFERENCES "public"."cp_conferences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_plans" ADD CONSTRAINT "cp_plans_finalised_by_users_id_fk" FOREIGN KEY ("finalised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s47_enquiries" ADD CONSTRAINT "s47_enquiries_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s47_enquiries" ADD CONSTRAINT "s47_enquiries_strategy_discussion_id_strategy_discussions_id_fk" FOREIGN KEY ("strategy_discussion_id") REFERENCES "public"."strategy_discussions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s47_enquiries" ADD CONSTRAINT "s47_enquiries_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s47_enquiries" ADD CONSTRAINT "s47_enquiries_completed_by_workers_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s47_enquiries" ADD CONSTRAINT "s47_enquiries_authorised_by_workers_id_fk" FOREIGN KEY ("authorised_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s47_enquiries" ADD CONSTRAINT "s47_enquiries_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_discussions" ADD CONSTRAINT "strategy_discussions_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_discussions" ADD CONSTRAINT "strategy_discussions_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_discussions" ADD CONSTRAINT "strategy_discussions_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_discussions" ADD CONSTRAINT "strategy_discussions_authorised_by_workers_id_fk" FOREIGN KEY ("authorised_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_discussions" ADD CONSTRAINT "strategy_discussions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "core_group_meetings_plan_idx" ON "core_group_meetings" USING btree ("cp_plan_id","meeting_date");--> statement-breakpoint
CREATE INDEX "core_group_meetings_child_idx" ON "core_group_meetings" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cp_conferences_s47_idx" ON "cp_conferences" USING btree ("s47_enquiry_id") WHERE "cp_conferences"."s47_enquiry_id" is not null;--> statement-breakpoint
CREATE INDEX "cp_conferences_child_idx" ON "cp_conferences" USING btree ("child_id","conference_date");--> statement-breakpoint
CREATE INDEX "cp_conferences_plan_idx" ON "cp_conferences" USING btree ("cp_plan_id");--> statement-breakpoint
CREATE INDEX "cp_plan_actions_plan_idx" ON "cp_plan_actions" USING btree ("cp_plan_id","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "cp_plans_open_idx" ON "cp_plans" USING btree ("child_id") WHERE "cp_plans"."end_date" is null;--> statement-breakpoint
CREATE INDEX "cp_plans_child_idx" ON "cp_plans" USING btree ("child_id","start_date");--> statement-breakpoint
CREATE INDEX "s47_enquiries_child_idx" ON "s47_enquiries" USING btree ("child_id","start_date");--> statement-breakpoint
CREATE INDEX "strategy_discussions_child_idx" ON "strategy_discussions" USING btree ("child_id","concern_at");