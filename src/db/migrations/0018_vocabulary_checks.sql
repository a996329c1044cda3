-- Closed vocabularies held by the database too (src/vocabulary): each enum-like column accepts only
-- the values the API and the state machines know, so a bad write from any path (a script, a future
-- adapter, a hand-run UPDATE) fails here instead of showing up later as a 500 in a response schema.
-- NULL stays allowed where the column is nullable (CHECK passes on NULL). Lists copied from
-- src/vocabulary/*.ts when this migration was written; a new value needs a new migration.
ALTER TABLE "people" ADD CONSTRAINT "people_preferred_channel_check" CHECK ("preferred_channel" IN ('phone', 'sms', 'email', 'letter'));
--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_source_type_check" CHECK ("source_type" IN ('gp_practice', 'hospital', 'community_health', 'adult_social_care', 'housing', 'vcse', 'self', 'provider', 'other'));
--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_notify_by_check" CHECK ("referrer_notify_by" IN ('email', 'sms', 'none'));
--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_urgency_check" CHECK ("urgency" IN ('routine', 'urgent'));
--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_consent_method_check" CHECK ("consent_method" IN ('verbal', 'written', 'digital'));
--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_status_check" CHECK ("status" IN ('received', 'accepted', 'contacting', 'in_progress', 'on_hold', 'completed', 'rejected', 'cancelled'));
--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_rejection_reason_check" CHECK ("rejection_reason" IN ('not_appropriate', 'ineligible', 'out_of_area', 'duplicate', 'needs_clinical_care', 'person_declined'));
--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_closure_reason_check" CHECK ("closure_reason" IN ('goals_met', 'connected_to_services', 'disengaged', 'unable_to_contact', 'moved_away', 'declined_further_support', 'escalated_to_clinical_care', 'deceased'));
--> statement-breakpoint
ALTER TABLE "onward_referrals" ADD CONSTRAINT "onward_referrals_status_check" CHECK ("status" IN ('sent', 'accepted', 'waitlisted', 'declined', 'started', 'completed', 'dropped_out', 'withdrawn', 'expired'));
--> statement-breakpoint
ALTER TABLE "onward_referrals" ADD CONSTRAINT "onward_referrals_decline_reason_check" CHECK ("decline_reason" IN ('at_capacity', 'not_eligible', 'not_appropriate', 'service_closed', 'person_declined'));
--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_mode_check" CHECK ("mode" IN ('phone', 'face_to_face', 'video', 'text', 'email', 'letter'));
--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_outcome_check" CHECK ("outcome" IN ('reached', 'no_answer', 'left_message', 'did_not_attend'));
--> statement-breakpoint
ALTER TABLE "attendances" ADD CONSTRAINT "attendances_status_check" CHECK ("status" IN ('attended', 'did_not_attend', 'cancelled'));
--> statement-breakpoint
ALTER TABLE "unmet_needs" ADD CONSTRAINT "unmet_needs_reason_check" CHECK ("reason" IN ('no_service', 'no_capacity', 'not_eligible', 'too_far', 'language', 'cost', 'timing', 'other'));
--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_timepoint_check" CHECK ("timepoint" IN ('baseline', 'review', 'discharge', 'follow_up_6m', 'follow_up_12m'));
--> statement-breakpoint
ALTER TABLE "measure_links" ADD CONSTRAINT "measure_links_timepoint_check" CHECK ("timepoint" IN ('baseline', 'review', 'discharge', 'follow_up_6m', 'follow_up_12m'));
