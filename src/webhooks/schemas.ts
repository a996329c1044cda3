// Request and response shapes of the webhook API; they also document it (OpenAPI, tag "webhooks").
import { z } from 'zod';
import { maxEndpointLength } from './endpoint-rule';
import { deliveryStatuses, providerEventTypes } from './events';

const timestamp = z.iso.datetime();

export const createSubscriptionBody = z.object({
  url: z
    .string({ message: 'Give the URL Linkwell should post events to' })
    .trim()
    .min(1, 'Give the URL Linkwell should post events to')
    .max(maxEndpointLength)
    .describe('https:// only (http://localhost, 127.0.0.1 and [::1] are allowed for development).'),
  events: z
    .array(z.enum(providerEventTypes, { message: `Choose from: ${providerEventTypes.join(', ')}` }))
    .min(1, 'Choose at least one event')
    .max(providerEventTypes.length)
    .transform((events) => [...new Set(events)]),
  description: z
    .string()
    .trim()
    .max(500)
    .optional()
    .describe('What this subscription is for, for your records.'),
});

export const subscriptionResponse = z.object({
  id: z.uuid(),
  kind: z.enum(['fhir_rest_hook', 'provider_events']),
  url: z.string(),
  events: z.array(z.string()).describe('provider_events: the events sent.'),
  criteria: z.string().nullable().describe('fhir_rest_hook: the FHIR Subscription criteria.'),
  description: z.string(),
  status: z
    .enum(['active', 'error', 'off'])
    .describe('error: deliveries keep failing (still tried); off: nothing more is sent.'),
  lastError: z.string().nullable(),
  endAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const createSubscriptionResponse = z.object({
  subscription: subscriptionResponse,
  secret: z
    .string()
    .describe('The Standard Webhooks signing secret ("whsec_…"). Shown only in this response: keep it safe.'),
});

export const subscriptionListResponse = z.object({ items: z.array(subscriptionResponse) });

const status = z.enum(deliveryStatuses);

export const deliveriesQuery = z.object({
  subscriptionId: z.uuid('must be a valid id').optional(),
  status: status.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.uuid().optional().describe('The id of the last delivery of the previous page (from nextBefore).'),
});

export const deliveryResponse = z.object({
  id: z.uuid().describe('Also sent as the webhook-id header.'),
  subscriptionId: z.uuid(),
  eventType: z.string(),
  resourceType: z.string(),
  resourceId: z.uuid(),
  method: z.string(),
  status,
  attemptCount: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: timestamp.nullable().describe('When the next try is due; only while pending.'),
  occurredAt: timestamp,
  createdAt: timestamp,
  deliveredAt: timestamp.nullable(),
  replayOf: z.uuid().nullable(),
});

export const deliveryListResponse = z.object({
  items: z.array(deliveryResponse),
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: z.uuid().nullable(),
});

export const attemptResponse = z.object({
  attemptedAt: timestamp,
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

export const deliveryDetailResponse = deliveryResponse.extend({
  payload: z.record(z.string(), z.unknown()).nullable().describe('The body sent (null: sent without one).'),
  attempts: z.array(attemptResponse).describe('Every attempt, oldest first.'),
});
