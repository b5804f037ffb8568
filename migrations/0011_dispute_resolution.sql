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
ALTER TABLE "dispute_stages" ADD CONSTRAINT "dispute_stages_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_stages" ADD CONSTRAINT "dispute_stages_dispute_id_plan_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."plan_disputes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_disputes" ADD CONSTRAINT "plan_disputes_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_disputes" ADD CONSTRAINT "plan_disputes_cp_plan_id_cp_plans_id_fk" FOREIGN KEY ("cp_plan_id") REFERENCES "public"."cp_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_disputes" ADD CONSTRAINT "plan_disputes_cin_plan_id_cin_plans_id_fk" FOREIGN KEY ("cin_plan_id") REFERENCES "public"."cin_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_disputes" ADD CONSTRAINT "plan_disputes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dispute_stages_stage_idx" ON "dispute_stages" USING btree ("dispute_id","stage");--> statement-breakpoint
CREATE INDEX "plan_disputes_child_idx" ON "plan_disputes" USING btree ("child_id","raised_date");