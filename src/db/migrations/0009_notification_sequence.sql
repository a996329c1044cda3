ALTER TABLE "notifications" ADD COLUMN "sequence" bigserial NOT NULL;--> statement-breakpoint
CREATE INDEX "notifications_sequence_idx" ON "notifications" USING btree ("sequence");