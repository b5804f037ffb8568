CREATE TABLE "assessment_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"comments" text,
	"decided_at" timestamp with time zone NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_by_worker" uuid,
	CONSTRAINT "assessment_reviews_decision_check" CHECK ("assessment_reviews"."decision" in ('returned', 'authorised')),
	CONSTRAINT "assessment_reviews_returned_check" CHECK ("assessment_reviews"."decision" <> 'returned' or "assessment_reviews"."comments" is not null)
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "analysis" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "child_views" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "family_views" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "plan" text;--> statement-breakpoint
ALTER TABLE "assessment_reviews" ADD CONSTRAINT "assessment_reviews_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_reviews" ADD CONSTRAINT "assessment_reviews_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_reviews" ADD CONSTRAINT "assessment_reviews_decided_by_worker_workers_id_fk" FOREIGN KEY ("decided_by_worker") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_reviews_assessment_idx" ON "assessment_reviews" USING btree ("assessment_id","decided_at");