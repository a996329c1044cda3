// The shape of a service template and the phrases many templates share (see service-templates.ts).
import type { SupportKind } from '../organisations';

export type Day = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
export type DeliveryMode = 'in_person' | 'telephone' | 'online' | 'home_visit';

export type Session = { days: readonly Day[]; opensAt: string; closesAt: string };

export type ServiceTemplate = {
  key: string;
  /** Which organisations may run it: those giving this kind of support (or advice agencies). */
  kind: SupportKind;
  isAdvice?: boolean;
  names: readonly string[];
  descriptions: readonly string[];
  supportTerms: readonly string[];
  lawTerms?: readonly string[];
  sessions: readonly Session[];
  deliveryModes: readonly DeliveryMode[];
  /** Where it meets, e.g. 'Community Centre' becomes "Tottenham Community Centre". */
  venues: readonly string[];
  minimumAge?: number;
  maximumAge?: number;
  eligibility: string;
  howToAccess: string;
  /** Group sessions have a number of places; one-to-one services count waiting time instead. */
  places?: number;
  cost?: { feesDescription: string; options: readonly { option: string; amount: string }[] };
  /** A fixed-length course: schedules carry validFrom/validTo. */
  course?: { validFrom: string; validTo: string };
};

export const weekdays: readonly Day[] = ['MO', 'TU', 'WE', 'TH', 'FR'];
export const adviceVenues = ['Advice Centre', 'Library', 'Community Centre', 'Health Centre'];
export const referral = 'Ask your link worker to refer you, or get in touch yourself.';
export const dropIn = 'Just come along; there is no need to book.';
