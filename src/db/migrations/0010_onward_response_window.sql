ALTER TABLE "onward_referrals" ADD COLUMN "nudged_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "onward_referrals_unanswered_idx" ON "onward_referrals" USING btree ("sent_at") WHERE "onward_referrals"."status" = 'sent';--> statement-breakpoint
CREATE INDEX "onward_referrals_service_idx" ON "onward_referrals" USING btree ("service_id","sent_at");