CREATE TABLE "deprivation_of_liberty_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"care_period_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deprivation_of_liberty_orders_end_check" CHECK ("deprivation_of_liberty_orders"."end_date" is null or "deprivation_of_liberty_orders"."end_date" > "deprivation_of_liberty_orders"."start_date")
);
--> statement-breakpoint
ALTER TABLE "deprivation_of_liberty_orders" ADD CONSTRAINT "deprivation_of_liberty_orders_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deprivation_of_liberty_orders" ADD CONSTRAINT "deprivation_of_liberty_orders_care_period_id_care_periods_id_fk" FOREIGN KEY ("care_period_id") REFERENCES "public"."care_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deprivation_of_liberty_orders" ADD CONSTRAINT "deprivation_of_liberty_orders_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deprivation_of_liberty_orders_open_idx" ON "deprivation_of_liberty_orders" USING btree ("child_id") WHERE "deprivation_of_liberty_orders"."end_date" is null;--> statement-breakpoint
CREATE INDEX "deprivation_of_liberty_orders_period_idx" ON "deprivation_of_liberty_orders" USING btree ("care_period_id","start_date");--> statement-breakpoint
CREATE INDEX "deprivation_of_liberty_orders_child_idx" ON "deprivation_of_liberty_orders" USING btree ("child_id");