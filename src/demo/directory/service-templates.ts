// What kinds of service the demo directory holds: one template per kind of activity, with the
// names, resident-facing descriptions, weekly sessions, eligibility and costs such a service
// typically has in London. The generator fills in places ({area}, {borough}, {venue}, {org}) and
// draws capacity, languages and freshness per service. Together the templates use every term of
// both taxonomies (the directory test checks it); advice templates pair each area of social
// welfare law with the matching 'safe.*' support term.
import { activeAndSafeTemplates } from './active-safe-templates';
import { adviceTemplates } from './advice-templates';
import { creativeAndConnectedTemplates } from './creative-connected-templates';
import type { ServiceTemplate } from './template-parts';

export type { Day, DeliveryMode, ServiceTemplate, Session } from './template-parts';

export const serviceTemplates: readonly ServiceTemplate[] = [
  ...creativeAndConnectedTemplates,
  ...activeAndSafeTemplates,
  ...adviceTemplates,
];
