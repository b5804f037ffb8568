CREATE TABLE "missing_episodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"missing_code" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"where_found" text,
	"interview_offered_at" timestamp with time zone,
	"interview_outcome" text,
	"interview_outcome_at" timestamp with time zone,
	"interview_held_by" text,
	"interview_independent" boolean,
	"strategy_meeting_date" date,
	"screening_date" date,
	"screening_outcome" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "missing_episodes_code_check" CHECK ("missing_episodes"."missing_code" in ('M','A')),
	CONSTRAINT "missing_episodes_end_check" CHECK ("missing_episodes"."ended_at" is null or "missing_episodes"."ended_at" > "missing_episodes"."started_at"),
	CONSTRAINT "missing_episodes_interview_check" CHECK (("missing_episodes"."interview_offered_at" is null) = ("missing_episodes"."interview_outcome" is null)
          and ("missing_episodes"."interview_offered_at" is null or ("missing_episodes"."ended_at" is not null and "missing_episodes"."interview_offered_at" >= "missing_episodes"."ended_at"))
          and ("missing_episodes"."interview_outcome" is null or "missing_episodes"."interview_outcome" in ('offered','held','declined'))
          and (("missing_episodes"."interview_outcome" in ('held', 'declined')) = ("missing_episodes"."interview_outcome_at" is not null))
          and ("missing_episodes"."interview_outcome_at" is null or "missing_episodes"."interview_outcome_at" >= "missing_episodes"."interview_offered_at")
          and (("missing_episodes"."interview_outcome" = 'held') = ("missing_episodes"."interview_held_by" is not null and "missing_episodes"."interview_independent" is not null))),
	CONSTRAINT "missing_episodes_screening_check" CHECK (("missing_episodes"."screening_date" is null) = ("missing_episodes"."screening_outcome" is null)
          and ("missing_episodes"."screening_outcome" is null or "missing_episodes"."screening_outcome" in ('no_concerns','concerns','referred_on')))
);
--> statement-breakpoint
ALTER TABLE "missing_episodes" ADD CONSTRAINT "missing_episodes_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missing_episodes" ADD CONSTRAINT "missing_episodes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "missing_episodes_child_idx" ON "missing_episodes" USING btree ("child_id","started_at");