-- More closed vocabularies held by the database (src/vocabulary), as migration 0018 began: roles,
-- organisation types, the notification and webhook outboxes, the directory's statuses, measure and
-- health-use sources, need domains, task kinds and routing bases. A bad write from any path fails
-- here instead of becoming a 500 in a response schema later. NULL stays allowed where the column is
-- nullable. Lists copied from src/vocabulary/*.ts when this migration was written (schema.ts
-- declares the same CHECKs with isOneOf); a new value needs a new migration.
ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK ("role" IN ('platform_admin', 'coordinator', 'link_worker', 'buddy', 'referrer', 'provider_staff', 'commissioner'));
--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_type_check" CHECK ("type" IN ('gp_practice', 'hospital_trust', 'council', 'vcse', 'advice_agency', 'cvs', 'housing_association', 'icb'));
--> statement-breakpoint
ALTER TABLE "programme_link_requests" ADD CONSTRAINT "programme_link_requests_status_check" CHECK ("status" IN ('pending', 'approved', 'declined', 'withdrawn'));
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_channel_check" CHECK ("channel" IN ('email', 'sms'));
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_status_check" CHECK ("status" IN ('queued', 'sending', 'sent', 'failed'));
--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_status_check" CHECK ("status" IN ('active', 'inactive', 'defunct', 'temporarily closed'));
--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_location_type_check" CHECK ("location_type" IN ('physical', 'postal', 'virtual'));
--> statement-breakpoint
ALTER TABLE "service_languages" ADD CONSTRAINT "service_languages_kind_check" CHECK ("kind" IN ('spoken', 'interpretation'));
--> statement-breakpoint
ALTER TABLE "service_revisions" ADD CONSTRAINT "service_revisions_status_check" CHECK ("status" IN ('pending', 'live', 'rejected', 'superseded'));
--> statement-breakpoint
ALTER TABLE "service_reports" ADD CONSTRAINT "service_reports_status_check" CHECK ("status" IN ('open', 'resolved', 'dismissed'));
--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_routing_basis_check" CHECK ("routing_basis" IN ('staff', 'organisation', 'postcode'));
--> statement-breakpoint
ALTER TABLE "unmet_needs" ADD CONSTRAINT "unmet_needs_need_check" CHECK ("need" IN ('loneliness', 'mental_wellbeing', 'physical_activity', 'money_debt', 'benefits', 'housing', 'employment', 'legal', 'carer', 'bereavement', 'long_term_condition', 'food', 'domestic_abuse', 'falls', 'immigration', 'learning', 'other'));
--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_kind_check" CHECK ("kind" IN ('first_contact', 'follow_up', 'baseline_measure', 'review_measure', 'discharge_measure', 'follow_up_6m_measure', 'follow_up_12m_measure', 'choose_another_service', 'custom'));
--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_source_check" CHECK ("source" IN ('link_worker', 'self', 'connected_system'));
--> statement-breakpoint
ALTER TABLE "measure_links" ADD CONSTRAINT "measure_links_channel_check" CHECK ("channel" IN ('email', 'sms'));
--> statement-breakpoint
ALTER TABLE "health_service_use" ADD CONSTRAINT "health_service_use_period_check" CHECK ("period" IN ('before', 'after'));
--> statement-breakpoint
ALTER TABLE "health_service_use" ADD CONSTRAINT "health_service_use_source_check" CHECK ("source" IN ('link_worker', 'practice', 'csv_import', 'fhir'));
--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_kind_check" CHECK ("kind" IN ('fhir_rest_hook', 'provider_events'));
--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_status_check" CHECK ("status" IN ('active', 'error', 'off'));
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_status_check" CHECK ("status" IN ('pending', 'delivered', 'failed'));
