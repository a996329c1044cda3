// What the rest of Linkwell uses from webhooks: the endpoint rule and signing secrets (FHIR
// Subscriptions reuse them), queueing provider events (a referral event subscriber, wired in src/app.ts), the worker, the routes.
export { checkWebhookEndpoint } from './endpoint-rule';
export { newSigningSecret, signatureHeaders } from './secrets';
export { queueProviderWebhooks, type RecordedReferralEvent } from './provider-events';
export { providerEventTypes, type ProviderEventType } from './events';
export { turnSubscriptionOff } from './delivery-queue';
export {
  runWebhookDeliveryPass,
  startWebhookWorker,
  type WebhookPassResult,
  type WebhookWorker,
} from './worker';
export { webhookRoutes } from './routes';
