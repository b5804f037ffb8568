CREATE TABLE "cla_schools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"school_name" text NOT NULL,
	"urn" text,
	"ofsted_grade" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cla_schools_grade_check" CHECK ("cla_schools"."ofsted_grade" in ('outstanding','good','requires_improvement','inadequate','not_yet_inspected'))
);
--> statement-breakpoint
CREATE TABLE "cla_convictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"outcome_date" date NOT NULL,
	"outcome" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cla_convictions_outcome_check" CHECK ("cla_convictions"."outcome" in ('conviction','youth_caution','youth_conditional_caution'))
);
--> statement-breakpoint
CREATE TABLE "education_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"as_at_date" date NOT NULL,
	"hours_per_week" double precision NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "education_hours_range_check" CHECK ("education_hours"."hours_per_week" >= 0 and "education_hours"."hours_per_week" <= 60)
);
--> statement-breakpoint
CREATE TABLE "cla_health_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"check_type" text NOT NULL,
	"assessment_type" text,
	"check_date" date NOT NULL,
	"completed_by" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cla_health_checks_type_check" CHECK ("cla_health_checks"."check_type" in ('health_assessment','dental_check')),
	CONSTRAINT "cla_health_checks_assessment_check" CHECK (("cla_health_checks"."check_type" = 'health_assessment') = ("cla_health_checks"."assessment_type" is not null) and ("cla_health_checks"."assessment_type" is null or "cla_health_checks"."assessment_type" in ('initial','review')))
);
--> statement-breakpoint
CREATE TABLE "cla_health_statuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"as_at_date" date NOT NULL,
	"up_to_date" boolean NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cla_health_statuses_kind_check" CHECK ("cla_health_statuses"."kind" in ('immunisations','health_surveillance'))
);
--> statement-breakpoint
CREATE TABLE "pep_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"pep_id" uuid NOT NULL,
	"meeting_date" date NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "personal_education_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"care_period_id" uuid NOT NULL,
	"initiated_date" date NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cla_sdq_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"completed_date" date NOT NULL,
	"score" integer,
	"reason" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cla_sdq_scores_one_check" CHECK (("cla_sdq_scores"."score" is null) <> ("cla_sdq_scores"."reason" is null)),
	CONSTRAINT "cla_sdq_scores_range_check" CHECK ("cla_sdq_scores"."score" is null or "cla_sdq_scores"."score" between 0 and 40),
	CONSTRAINT "cla_sdq_scores_reason_check" CHECK ("cla_sdq_scores"."reason" is null or "cla_sdq_scores"."reason" in ('SDQ1','SDQ2','SDQ3','SDQ4','SDQ5'))
);
--> statement-breakpoint
CREATE TABLE "cla_substance_misuse" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"identified_date" date NOT NULL,
	"substance" text,
	"intervention_received" boolean NOT NULL,
	"intervention_offered" boolean,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cla_substance_misuse_offered_check" CHECK (not ("cla_substance_misuse"."intervention_received" and "cla_substance_misuse"."intervention_offered" is not null))
);
--> statement-breakpoint
ALTER TABLE "cla_schools" ADD CONSTRAINT "cla_schools_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla_schools" ADD CONSTRAINT "cla_schools_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla_convictions" ADD CONSTRAINT "cla_convictions_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla_convictions" ADD CONSTRAINT "cla_convictions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_hours" ADD CONSTRAINT "education_hours_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education_hours" ADD CONSTRAINT "education_hours_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla_health_checks" ADD CONSTRAINT "cla_health_checks_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla_health_checks" ADD CONSTRAINT "cla_health_checks_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla_health_statuses" ADD CONSTRAINT "cla_health_statuses_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla_health_statuses" ADD CONSTRAINT "cla_health_statuses_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pep_meetings" ADD CONSTRAINT "pep_meetings_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pep_meetings" ADD CONSTRAINT "pep_meetings_pep_id_personal_education_plans_id_fk" FOREIGN KEY ("pep_id") REFERENCES "public"."personal_education_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pep_meetings" ADD CONSTRAINT "pep_meetings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_education_plans" ADD CONSTRAINT "personal_education_plans_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_education_plans" ADD CONSTRAINT "personal_education_plans_care_period_id_care_periods_id_fk" FOREIGN KEY ("care_period_id") REFERENCES "public"."care_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_education_plans" ADD CONSTRAINT "personal_education_plans_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla_sdq_scores" ADD CONSTRAINT "cla_sdq_scores_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla_sdq_scores" ADD CONSTRAINT "cla_sdq_scores_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla_substance_misuse" ADD CONSTRAINT "cla_substance_misuse_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cla_substance_misuse" ADD CONSTRAINT "cla_substance_misuse_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cla_schools_child_date_idx" ON "cla_schools" USING btree ("child_id","from_date");--> statement-breakpoint
CREATE INDEX "cla_convictions_child_idx" ON "cla_convictions" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "education_hours_child_date_idx" ON "education_hours" USING btree ("child_id","as_at_date");--> statement-breakpoint
CREATE INDEX "cla_health_checks_child_idx" ON "cla_health_checks" USING btree ("child_id","check_date");--> statement-breakpoint
CREATE UNIQUE INDEX "cla_health_statuses_child_kind_date_idx" ON "cla_health_statuses" USING btree ("child_id","kind","as_at_date");--> statement-breakpoint
CREATE UNIQUE INDEX "pep_meetings_pep_date_idx" ON "pep_meetings" USING btree ("pep_id","meeting_date");--> statement-breakpoint
CREATE INDEX "pep_meetings_child_idx" ON "pep_meetings" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "personal_education_plans_period_idx" ON "personal_education_plans" USING btree ("care_period_id");--> statement-breakpoint
CREATE INDEX "personal_education_plans_child_idx" ON "personal_education_plans" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "cla_sdq_scores_child_idx" ON "cla_sdq_scores" USING btree ("child_id","completed_date");--> statement-breakpoint
CREATE INDEX "cla_substance_misuse_child_idx" ON "cla_substance_misuse" USING btree ("child_id","identified_date");