CREATE TABLE "return_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"files" jsonb NOT NULL,
	"collection_year" integer,
	"rules_done" integer DEFAULT 0 NOT NULL,
	"rules_total" integer DEFAULT 0 NOT NULL,
	"messages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"findings" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "return_runs_kind_check" CHECK ("return_runs"."kind" in ('ssda903', 'cin')),
	CONSTRAINT "return_runs_status_check" CHECK ("return_runs"."status" in ('queued', 'running', 'done', 'unreadable', 'failed'))
);
--> statement-breakpoint
CREATE INDEX "return_runs_created_idx" ON "return_runs" USING btree ("created_by","created_at");