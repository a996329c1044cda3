// The phone numbers a person can ring about a service.
import type { ServiceDetail } from '../../api/directory';

export function describeContact(service: ServiceDetail | undefined): string[] {
  if (!service) return [];
  return [...new Set((service.contacts ?? []).flatMap((contact) => (contact.phone ? [contact.phone] : [])))];
}
