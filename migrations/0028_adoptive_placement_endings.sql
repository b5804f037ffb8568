CREATE TABLE "adoptive_placement_endings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"journey_id" uuid NOT NULL,
	"adopter_id" uuid NOT NULL,
	"match_panel_on" date,
	"matched_on" date NOT NULL,
	"moved_in_on" date,
	"placed_on" date NOT NULL,
	"foster_carer_adoption" boolean NOT NULL,
	"ended_on" date NOT NULL,
	"reason" text NOT NULL,
	"detail" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ape_reason_check" CHECK ("adoptive_placement_endings"."reason" in ('returned_by_adopters','removed_by_agency','other')),
	CONSTRAINT "ape_dates_check" CHECK ("adoptive_placement_endings"."placed_on" >= "adoptive_placement_endings"."matched_on" and "adoptive_placement_endings"."ended_on" >= "adoptive_placement_endings"."placed_on")
);
--> statement-breakpoint
ALTER TABLE "adoptive_placement_endings" ADD CONSTRAINT "adoptive_placement_endings_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptive_placement_endings" ADD CONSTRAINT "adoptive_placement_endings_journey_id_adoption_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."adoption_journeys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptive_placement_endings" ADD CONSTRAINT "adoptive_placement_endings_adopter_id_adopter_households_id_fk" FOREIGN KEY ("adopter_id") REFERENCES "public"."adopter_households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adoptive_placement_endings" ADD CONSTRAINT "adoptive_placement_endings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ape_journey_idx" ON "adoptive_placement_endings" USING btree ("journey_id","ended_on");