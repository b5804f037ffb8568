CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"worker_id" uuid,
	"team_id" uuid,
	"demo" boolean DEFAULT false NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('practitioner','team_manager','service_manager','administrator'))
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"username" text,
	"child_id" uuid,
	"action" text NOT NULL,
	"route" text NOT NULL,
	"record_id" text
);
--> statement-breakpoint
CREATE TABLE "allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"worker_id" uuid,
	"team_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"allocated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'locality' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "teams_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "workers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"team_id" uuid,
	"qualified" boolean DEFAULT true NOT NULL,
	"newly_qualified" boolean DEFAULT false NOT NULL,
	"agency" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "workers_role_check" CHECK ("workers"."role" in ('social_worker','senior_practitioner','family_support_worker','personal_adviser','team_manager','service_manager','administrator'))
);
--> statement-breakpoint
CREATE TABLE "addresses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"line1" text NOT NULL,
	"line2" text,
	"town" text,
	"postcode" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date
);
--> statement-breakpoint
CREATE TABLE "child_disabilities" (
	"child_id" uuid NOT NULL,
	"code" text NOT NULL,
	CONSTRAINT "child_disabilities_child_id_code_pk" PRIMARY KEY("child_id","code")
);
--> statement-breakpoint
CREATE TABLE "children" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" bigserial NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"other_names" text,
	"date_of_birth" date,
	"expected_date_of_birth" date,
	"sex" text DEFAULT 'U' NOT NULL,
	"gender" text,
	"ethnicity" text DEFAULT 'NOBT' NOT NULL,
	"nhs_number" text,
	"upn" text,
	"language" text,
	"restricted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "children_reference_unique" UNIQUE("reference"),
	CONSTRAINT "children_birth_check" CHECK ("children"."date_of_birth" is not null or "children"."expected_date_of_birth" is not null),
	CONSTRAINT "children_sex_check" CHECK ("children"."sex" in ('M','F','U'))
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"date_of_birth" date,
	"phone" text
);
--> statement-breakpoint
CREATE TABLE "relationships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"person_id" uuid,
	"related_child_id" uuid,
	"relationship" text NOT NULL,
	"parental_responsibility" boolean DEFAULT false NOT NULL,
	"lives_with_child" boolean DEFAULT false NOT NULL,
	CONSTRAINT "relationships_party_check" CHECK (("relationships"."person_id" is null) <> ("relationships"."related_child_id" is null))
);
--> statement-breakpoint
CREATE TABLE "restricted_record_access" (
	"child_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "restricted_record_access_child_id_user_id_pk" PRIMARY KEY("child_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"visit_date" date NOT NULL,
	"worker_id" uuid,
	"child_seen" boolean NOT NULL,
	"seen_alone" boolean DEFAULT false NOT NULL,
	"purpose" text DEFAULT 'other' NOT NULL,
	"notes" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	CONSTRAINT "visits_seen_alone_check" CHECK (not "visits"."seen_alone" or "visits"."child_seen")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"team_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"referrer_name" text NOT NULL,
	"referrer_organisation" text,
	"about" text NOT NULL,
	"consent" text NOT NULL,
	"consent_reason" text,
	"domestic_abuse_notification" boolean DEFAULT false NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"threshold_level" text,
	"outcome" text,
	"decision_reason" text,
	"recorded_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "contacts_consent_check" CHECK ("contacts"."consent" in ('given','refused','not_sought')),
	CONSTRAINT "contacts_consent_reason_check" CHECK ("contacts"."consent" = 'given' or "contacts"."consent_reason" is not null),
	CONSTRAINT "contacts_decision_check" CHECK (("contacts"."decided_at" is null) = ("contacts"."outcome" is null))
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"contact_id" uuid,
	"referral_date" date NOT NULL,
	"source" text NOT NULL,
	"primary_need" text,
	"repeat_referral" boolean DEFAULT false NOT NULL,
	"closed_date" date,
	"closure_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "referrals_closure_check" CHECK (("referrals"."closed_date" is null) = ("referrals"."closure_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"worker_id" uuid,
	"factors" text[] DEFAULT '{}'::text[] NOT NULL,
	"outcome" text,
	"submitted_at" date,
	"authorised_at" date,
	"authorised_by" uuid,
	"late_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessments_authorised_check" CHECK ("assessments"."authorised_at" is null or "assessments"."submitted_at" is not null),
	CONSTRAINT "assessments_dates_check" CHECK ("assessments"."submitted_at" is null or "assessments"."submitted_at" >= "assessments"."start_date")
);
--> statement-breakpoint
CREATE TABLE "calendar_overrides" (
	"day" date PRIMARY KEY NOT NULL,
	"working" boolean NOT NULL,
	"reason" text NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "obligations" (
	"child_id" uuid NOT NULL,
	"key" text NOT NULL,
	"rule_id" text NOT NULL,
	"episode" text,
	"due" text NOT NULL,
	"due_by" timestamp with time zone NOT NULL,
	"done" text,
	"done_at" timestamp with time zone,
	"lapses_on" date,
	"trigger_fact_id" text,
	"meeting_fact_id" text,
	"explanation" text NOT NULL,
	CONSTRAINT "obligations_child_id_key_pk" PRIMARY KEY("child_id","key")
);
--> statement-breakpoint
CREATE TABLE "policy_settings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"effective_from" date NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "addresses" ADD CONSTRAINT "addresses_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_disabilities" ADD CONSTRAINT "child_disabilities_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_related_child_id_children_id_fk" FOREIGN KEY ("related_child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restricted_record_access" ADD CONSTRAINT "restricted_record_access_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restricted_record_access" ADD CONSTRAINT "restricted_record_access_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_decided_by_workers_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_authorised_by_workers_id_fk" FOREIGN KEY ("authorised_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_child_idx" ON "audit_events" USING btree ("child_id","at");--> statement-breakpoint
CREATE INDEX "audit_user_idx" ON "audit_events" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "allocations_child_idx" ON "allocations" USING btree ("child_id","started_at");--> statement-breakpoint
CREATE INDEX "allocations_current_worker_idx" ON "allocations" USING btree ("worker_id") WHERE "allocations"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "allocations_current_team_idx" ON "allocations" USING btree ("team_id") WHERE "allocations"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "workers_team_idx" ON "workers" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "addresses_child_idx" ON "addresses" USING btree ("child_id","from_date");--> statement-breakpoint
CREATE INDEX "children_last_name_idx" ON "children" USING btree (lower("last_name"),lower("first_name"));--> statement-breakpoint
CREATE INDEX "children_dob_idx" ON "children" USING btree ("date_of_birth");--> statement-breakpoint
CREATE INDEX "children_nhs_idx" ON "children" USING btree ("nhs_number");--> statement-breakpoint
CREATE INDEX "children_upn_idx" ON "children" USING btree ("upn");--> statement-breakpoint
CREATE INDEX "relationships_child_idx" ON "relationships" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "visits_child_date_idx" ON "visits" USING btree ("child_id","visit_date");--> statement-breakpoint
CREATE INDEX "contacts_undecided_idx" ON "contacts" USING btree ("received_at") WHERE "contacts"."decided_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_child_idx" ON "contacts" USING btree ("child_id","received_at");--> statement-breakpoint
CREATE INDEX "referrals_child_idx" ON "referrals" USING btree ("child_id","referral_date");--> statement-breakpoint
CREATE INDEX "referrals_open_idx" ON "referrals" USING btree ("referral_date") WHERE "referrals"."closed_date" is null;--> statement-breakpoint
CREATE INDEX "assessments_child_idx" ON "assessments" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "assessments_referral_idx" ON "assessments" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "assessments_open_idx" ON "assessments" USING btree ("start_date") WHERE "assessments"."authorised_at" is null;--> statement-breakpoint
CREATE INDEX "obligations_outstanding_idx" ON "obligations" USING btree ("due_by") WHERE "obligations"."done_at" is null;--> statement-breakpoint
CREATE INDEX "obligations_rule_idx" ON "obligations" USING btree ("rule_id","due_by");--> statement-breakpoint
CREATE INDEX "policy_settings_key_idx" ON "policy_settings" USING btree ("key","effective_from");