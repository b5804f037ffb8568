CREATE TABLE "care_plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"care_plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"health" text,
	"education" text,
	"contact" text,
	"wellbeing" text,
	"permanence" text,
	"permanence_detail" text,
	"contingency" text,
	"involvement" text,
	"completed_date" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_plan_versions_permanence_check" CHECK ("care_plan_versions"."permanence" is null or "care_plan_versions"."permanence" in ('return_home','family_and_friends','special_guardianship','adoption','long_term_fostering','residential_care','independent_living')),
	CONSTRAINT "care_plan_versions_complete_check" CHECK ("care_plan_versions"."completed_date" is null or ("care_plan_versions"."health" is not null and "care_plan_versions"."education" is not null and "care_plan_versions"."contact" is not null
        and "care_plan_versions"."wellbeing" is not null and "care_plan_versions"."permanence" is not null and "care_plan_versions"."permanence_detail" is not null and "care_plan_versions"."contingency" is not null))
);
--> statement-breakpoint
CREATE TABLE "care_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"care_period_id" uuid NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placement_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"placement_id" uuid NOT NULL,
	"completed_date" date NOT NULL,
	"needs_met" text NOT NULL,
	"contact" text NOT NULL,
	"health" text NOT NULL,
	"education" text NOT NULL,
	"delegated_authority" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "uasc_statuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"uasc" boolean NOT NULL,
	"ceased_date" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "uasc_statuses_ceased_check" CHECK ("uasc_statuses"."ceased_date" is null or "uasc_statuses"."uasc")
);
--> statement-breakpoint
ALTER TABLE "care_plan_versions" ADD CONSTRAINT "care_plan_versions_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_versions" ADD CONSTRAINT "care_plan_versions_care_plan_id_care_plans_id_fk" FOREIGN KEY ("care_plan_id") REFERENCES "public"."care_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_versions" ADD CONSTRAINT "care_plan_versions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_care_period_id_care_periods_id_fk" FOREIGN KEY ("care_period_id") REFERENCES "public"."care_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_plans" ADD CONSTRAINT "placement_plans_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_plans" ADD CONSTRAINT "placement_plans_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_plans" ADD CONSTRAINT "placement_plans_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uasc_statuses" ADD CONSTRAINT "uasc_statuses_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uasc_statuses" ADD CONSTRAINT "uasc_statuses_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "care_plan_versions_number_idx" ON "care_plan_versions" USING btree ("care_plan_id","number");--> statement-breakpoint
CREATE INDEX "care_plan_versions_child_idx" ON "care_plan_versions" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_plans_period_idx" ON "care_plans" USING btree ("care_period_id");--> statement-breakpoint
CREATE INDEX "care_plans_child_idx" ON "care_plans" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "placement_plans_placement_idx" ON "placement_plans" USING btree ("placement_id");--> statement-breakpoint
CREATE INDEX "placement_plans_child_idx" ON "placement_plans" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "uasc_statuses_child_idx" ON "uasc_statuses" USING btree ("child_id");