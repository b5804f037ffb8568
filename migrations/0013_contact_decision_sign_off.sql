CREATE TABLE "contact_decision_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"proposed_by" uuid,
	"proposed_by_user" uuid NOT NULL,
	"threshold_level" text NOT NULL,
	"outcome" text NOT NULL,
	"decision_reason" text NOT NULL,
	"team_id" uuid,
	"primary_need" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_by_user" uuid,
	"review_comment" text,
	CONSTRAINT "contact_decision_proposals_status_check" CHECK ("contact_decision_proposals"."status" in ('pending','signed_off','returned')),
	CONSTRAINT "contact_decision_proposals_review_check" CHECK (("contact_decision_proposals"."status" = 'pending') = ("contact_decision_proposals"."reviewed_at" is null)),
	CONSTRAINT "contact_decision_proposals_return_check" CHECK ("contact_decision_proposals"."status" <> 'returned' or "contact_decision_proposals"."review_comment" is not null)
);
--> statement-breakpoint
ALTER TABLE "contact_decision_proposals" ADD CONSTRAINT "contact_decision_proposals_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_decision_proposals" ADD CONSTRAINT "contact_decision_proposals_proposed_by_workers_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_decision_proposals" ADD CONSTRAINT "contact_decision_proposals_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_decision_proposals" ADD CONSTRAINT "contact_decision_proposals_reviewed_by_workers_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contact_decision_proposals_pending_idx" ON "contact_decision_proposals" USING btree ("contact_id") WHERE "contact_decision_proposals"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "contact_decision_proposals_contact_idx" ON "contact_decision_proposals" USING btree ("contact_id","proposed_at");