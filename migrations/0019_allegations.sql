CREATE TABLE "allegation_children" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"allegation_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "allegation_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"allegation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"meeting_date" date NOT NULL,
	"attendance" jsonb NOT NULL,
	"decisions" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "allegation_meetings_kind_check" CHECK ("allegation_meetings"."kind" in ('strategy','evaluation'))
);
--> statement-breakpoint
CREATE TABLE "allegations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"adult_name" text NOT NULL,
	"adult_role" text NOT NULL,
	"employer" text NOT NULL,
	"sector" text NOT NULL,
	"category" text NOT NULL,
	"abuse_type" text,
	"detail" text NOT NULL,
	"made_date" date NOT NULL,
	"lado_informed_date" date NOT NULL,
	"other_children_count" integer DEFAULT 0 NOT NULL,
	"other_children_description" text,
	"outcome" text,
	"concluded_date" date,
	"outcome_actions" jsonb,
	"outcome_notes" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "allegations_sector_check" CHECK ("allegations"."sector" in ('education','early_years','health','police','faith','sport','residential_care','foster_carer','other')),
	CONSTRAINT "allegations_category_check" CHECK ("allegations"."category" in ('harm','possible_offence','unsuitability')),
	CONSTRAINT "allegations_abuse_type_check" CHECK ("allegations"."abuse_type" is null or "allegations"."abuse_type" in ('physical','emotional','sexual','neglect')),
	CONSTRAINT "allegations_outcome_check" CHECK ("allegations"."outcome" is null or "allegations"."outcome" in ('substantiated','false','malicious','unsubstantiated','unfounded')),
	CONSTRAINT "allegations_lado_check" CHECK ("allegations"."lado_informed_date" >= "allegations"."made_date"),
	CONSTRAINT "allegations_concluded_check" CHECK (("allegations"."outcome" is null) = ("allegations"."concluded_date" is null) and ("allegations"."concluded_date" is null or "allegations"."concluded_date" >= "allegations"."made_date")),
	CONSTRAINT "allegations_other_children_check" CHECK ("allegations"."other_children_count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "allegation_children" ADD CONSTRAINT "allegation_children_allegation_id_allegations_id_fk" FOREIGN KEY ("allegation_id") REFERENCES "public"."allegations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allegation_children" ADD CONSTRAINT "allegation_children_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allegation_meetings" ADD CONSTRAINT "allegation_meetings_allegation_id_allegations_id_fk" FOREIGN KEY ("allegation_id") REFERENCES "public"."allegations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "allegation_children_idx" ON "allegation_children" USING btree ("allegation_id","child_id");--> statement-breakpoint
CREATE INDEX "allegation_children_child_idx" ON "allegation_children" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "allegation_meetings_allegation_idx" ON "allegation_meetings" USING btree ("allegation_id","meeting_date");--> statement-breakpoint
CREATE INDEX "allegations_made_idx" ON "allegations" USING btree ("made_date");--> statement-breakpoint
CREATE INDEX "allegations_concluded_idx" ON "allegations" USING btree ("concluded_date");