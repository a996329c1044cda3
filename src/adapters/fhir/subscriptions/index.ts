// FHIR R4 Subscriptions (rest-hook) on Tasks: how a referring system hears about flowback.
import type { FhirModule } from '../module';
import { supportedCriteriaParameters } from './criteria';
import { subscriptionRoutes } from './routes';

export const subscriptionsFhirModule: FhirModule = {
  capabilities: [
    {
      type: 'Subscription',
      documentation:
        'rest-hook on Task only. criteria: "Task" or "Task?" with ' +
        `${supportedCriteriaParameters.join(', ')}. With channel.payload application/fhir+json each change is sent as ` +
        'PUT {endpoint}/Task/{id} carrying the Task as it was after that change; without a payload, an empty POST to the endpoint. ' +
        'Every notification is signed (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature) with the secret in the ' +
        'created Subscription’s signing-secret extension, retried with backoff, and logged (GET /api/webhooks/deliveries; ' +
        'replay with POST /api/webhooks/deliveries/{id}/replay). channel.header values are sent with each notification.',
      interaction: [{ code: 'create' }, { code: 'read' }, { code: 'search-type' }, { code: 'delete' }],
      searchParam: [{ name: 'status', type: 'token', documentation: 'active, error or off' }],
    },
  ],
  routes: subscriptionRoutes,
};
