import { describe, expect, it } from 'vitest';
import type { ServiceDetail } from '../search/schemas';
import { composeShortlistMessage, countSmsFragments, toGsmFriendly } from './message';
import { formatTime, openingTimesInWords } from './opening-words';

function service(overrides: Partial<ServiceDetail> = {}): ServiceDetail {
  return {
    id: '5b0c3c52-3d7e-4a39-9c9b-0d1f4c8a7e01',
    name: 'Tottenham Bengali Befriending',
    description: 'A volunteer visits or phones you every week for a chat.',
    status: 'active',
    url: 'https://befriending.example.org',
    email: null,
    organisation: {
      id: 'o1',
      name: 'Haringey Befriending Network',
      description: '',
      website: null,
      email: 'hello@befriending.example.org',
    },
    taxonomyTerms: [],
    locations: [
      {
        id: 'l1',
        name: 'Bruce Grove Community Hall',
        description: null,
        address1: '1 High Road',
        city: 'London',
        postcode: 'N17 6HB',
        latitude: null,
        longitude: null,
        boroughCode: null,
        transport: null,
        accessibility: [],
      },
    ],
    schedules: (['MO', 'TU', 'WE', 'TH', 'FR'] as const).map((byday) => ({
      byday,
      opensAt: '09:00',
      closesAt: '17:00',
      validFrom: null,
      validTo: null,
      attendingType: null,
      description: null,
    })),
    closures: [{ startsOn: '2026-12-24', endsOn: '2027-01-01', reason: 'Christmas' }],
    opening: { isOpenNow: false, text: '', nextOpening: null },
    languages: [],
    areas: [],
    costs: { isFree: true, feesDescription: null, options: [] },
    contacts: [{ name: 'Rina', title: null, email: null, phone: '020 8000 0001' }],
    eligibility: { description: null, minimumAge: null, maximumAge: null },
    deliveryModes: ['in_person'],
    howToAccess: null,
    alert: null,
    qualityMarks: [],
    capacity: {
      isAcceptingReferrals: true,
      acceptsWaitingList: false,
      waitingTimeDays: null,
      placesAvailable: null,
      placesMaximum: null,
      isFull: false,
      updatedAt: null,
    },
    replies: { periodMonths: 12, referralsAnswered: 0, acceptanceRate: null, medianReplyDays: null },
    freshness: { lastVerifiedAt: null, isStale: false, assuredDate: null },
    ...overrides,
  };
}

const online = service({
  id: '0f6f2a8e-9d77-4c55-8a2f-2b8c2f1a9e02',
  name: 'St Mary’s Online Art – Club',
  locations: [],
  schedules: [
    {
      byday: 'SA',
      opensAt: '10:00',
      closesAt: '12:00',
      validFrom: null,
      validTo: null,
      attendingType: null,
      description: null,
    },
  ],
  closures: [],
  contacts: [],
  url: null,
  deliveryModes: ['online', 'telephone'],
  costs: { isFree: false, feesDescription: '£3 a session', options: [] },
});

describe('opening times in words', () => {
  it('groups days with the same hours and words times the NHS way', () => {
    expect(formatTime('09:00')).toBe('9am');
    expect(formatTime('17:30')).toBe('5:30pm');
    expect(formatTime('12:00')).toBe('midday');
    expect(
      openingTimesInWords([
        ...['MO', 'TU', 'WE'].map((byday) => ({ byday, opensAt: '09:00', closesAt: '17:00' })),
        { byday: 'SA', opensAt: '10:00', closesAt: '12:00' },
        { byday: 'SU', opensAt: '10:00', closesAt: '12:00' },
      ]),
    ).toEqual(['Monday to Wednesday: 9am to 5pm', 'Saturday and Sunday: 10am to midday']);
  });
});

describe('shortlist messages', () => {
  it('writes an email with what, when, where, contact, cost and the public page of each service', () => {
    const message = composeShortlistMessage({
      channel: 'email',
      services: [service(), online],
      publicUrl: 'https://linkwell.example',
      firstName: 'Nasrin',
      note: 'The befriending group meets near your house.',
    });
    expect(message.template).toBe('directory_shortlist');
    expect(message.subject).toBe('Services your link worker suggested');
    const body = message.body;
    expect(body).toMatch(/^Hello Nasrin,\n\n/);
    expect(body).toContain('A note from your link worker:\nThe befriending group meets near your house.');
    expect(body).toContain(
      [
        '1. Tottenham Bengali Befriending',
        'Run by Haringey Befriending Network',
        'What it is: A volunteer visits or phones you every week for a chat.',
        'When: Monday to Friday: 9am to 5pm',
        'Closed: 24 December 2026 to 1 January 2027 (Christmas)',
        'Where: Bruce Grove Community Hall, 1 High Road, London, N17 6HB',
        'How to get in touch:\n- phone 020 8000 0001\n- email hello@befriending.example.org\n- website https://befriending.example.org',
        'Cost: free',
        'More about this service:\nhttps://linkwell.example/find/services/5b0c3c52-3d7e-4a39-9c9b-0d1f4c8a7e01',
      ].join('\n'),
    );
    expect(body).toContain('Where: no fixed address, it works online or by phone');
    expect(body).toContain('Cost: £3 a session');
    expect(body).toContain('https://linkwell.example/find\n');
    expect(body).not.toContain('!');
  });

  it('leaves the greeting out when there is no name', () => {
    const message = composeShortlistMessage({
      channel: 'email',
      services: [service()],
      publicUrl: 'https://linkwell.example',
    });
    expect(message.subject).toBe('A service your link worker suggested');
    expect(message.body).toMatch(/^Your link worker suggested this service for you/);
  });

  it('keeps a text message short: a phone number, or the page when there is none, in plain characters', () => {
    const message = composeShortlistMessage({
      channel: 'sms',
      services: [service(), online, service({ id: 'a3c1', name: 'Bow Walking Group', contacts: [] })],
      publicUrl: 'https://linkwell.example',
      firstName: 'Nasrin',
    });
    expect(message.template).toBe('directory_shortlist_sms');
    expect(message.body).toBe(
      [
        'Services your link worker suggested:',
        '1. Tottenham Bengali Befriending: 020 8000 0001',
        "2. St Mary's Online Art - Club: https://linkwell.example/find/services/0f6f2a8e-9d77-4c55-8a2f-2b8c2f1a9e02",
        '3. Bow Walking Group: https://linkwell.example/find/services/a3c1',
      ].join('\n'),
    );
    expect(message.body).not.toContain('Nasrin');
    expect(countSmsFragments(message.body)).toBeLessThanOrEqual(3);
  });

  it('counts SMS fragments for GSM and Unicode texts', () => {
    expect(countSmsFragments('a'.repeat(160))).toBe(1);
    expect(countSmsFragments('a'.repeat(161))).toBe(2);
    expect(countSmsFragments('[' + 'a'.repeat(159))).toBe(2);
    expect(countSmsFragments('’' + 'a'.repeat(69))).toBe(1);
    expect(countSmsFragments('’' + 'a'.repeat(70))).toBe(2);
    expect(toGsmFriendly('St Mary’s – “club”…')).toBe('St Mary\'s - "club"...');
  });
});
