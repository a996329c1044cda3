import { describe, expect, it } from 'vitest';
import { describeOpening, isOpenAt, nextOpening, toLondonMoment, type OpeningSchedule } from './opening';

const weekdays: OpeningSchedule[] = (['MO', 'TU', 'WE', 'TH', 'FR'] as const).map((byday) => ({
  byday,
  opensAt: '09:00:00',
  closesAt: '17:00:00',
}));

describe('London time', () => {
  it('reads a winter instant as GMT and a summer one as BST', () => {
    expect(toLondonMoment(new Date('2026-01-14T09:30:00Z'))).toEqual({
      date: '2026-01-14',
      day: 'WE',
      time: '09:30:00',
    });
    expect(toLondonMoment(new Date('2026-07-15T08:30:00Z'))).toEqual({
      date: '2026-07-15',
      day: 'WE',
      time: '09:30:00',
    });
  });

  it('moves to the next London day after midnight BST even when UTC is still the day before', () => {
    expect(toLondonMoment(new Date('2026-06-14T23:30:00Z'))).toMatchObject({ date: '2026-06-15', day: 'MO' });
  });
});

describe('is a service open', () => {
  it('opens at opensAt and closes at closesAt (closing minute excluded)', () => {
    expect(isOpenAt(weekdays, [], new Date('2026-01-14T08:59:00Z'))).toBe(false);
    expect(isOpenAt(weekdays, [], new Date('2026-01-14T09:00:00Z'))).toBe(true);
    expect(isOpenAt(weekdays, [], new Date('2026-01-14T16:59:59Z'))).toBe(true);
    expect(isOpenAt(weekdays, [], new Date('2026-01-14T17:00:00Z'))).toBe(false);
  });

  it('is closed at the weekend', () => {
    expect(isOpenAt(weekdays, [], new Date('2026-01-17T12:00:00Z'))).toBe(false);
  });

  it('uses London wall-clock time across the clock change (BST starts 29 March 2026)', () => {
    // Friday 27 March, GMT: 08:30 UTC is 08:30 in London, before opening.
    expect(isOpenAt(weekdays, [], new Date('2026-03-27T08:30:00Z'))).toBe(false);
    // Monday 30 March, BST: 08:30 UTC is 09:30 in London, open.
    expect(isOpenAt(weekdays, [], new Date('2026-03-30T08:30:00Z'))).toBe(true);
    // Monday 30 March, BST: 16:30 UTC is 17:30 in London, closed.
    expect(isOpenAt(weekdays, [], new Date('2026-03-30T16:30:00Z'))).toBe(false);
    // Monday 26 October (GMT again): 16:30 UTC is 16:30 in London, open.
    expect(isOpenAt(weekdays, [], new Date('2026-10-26T16:30:00Z'))).toBe(true);
  });

  it('is closed on a closure date despite the schedule', () => {
    const closures = [{ startsOn: '2026-12-24', endsOn: '2026-12-28', reason: 'Christmas' }];
    expect(isOpenAt(weekdays, closures, new Date('2026-12-24T10:00:00Z'))).toBe(false);
    expect(isOpenAt(weekdays, closures, new Date('2026-12-29T10:00:00Z'))).toBe(true);
  });

  it('respects a schedule valid only within dates', () => {
    const seasonal = [
      { byday: 'WE', opensAt: '10:00', closesAt: '12:00', validFrom: '2026-04-01', validTo: '2026-09-30' },
    ];
    expect(isOpenAt(seasonal, [], new Date('2026-01-14T11:00:00Z'))).toBe(false);
    expect(isOpenAt(seasonal, [], new Date('2026-07-15T10:00:00Z'))).toBe(true);
  });
});

describe('next opening', () => {
  it('is later today, then the next weekday, skipping a closure', () => {
    expect(nextOpening(weekdays, [], new Date('2026-01-14T07:00:00Z'))).toMatchObject({
      date: '2026-01-14',
      opensAt: '09:00:00',
    });
    expect(nextOpening(weekdays, [], new Date('2026-01-16T18:00:00Z'))).toMatchObject({
      date: '2026-01-19',
      day: 'MO',
    });
    const closures = [{ startsOn: '2026-12-24', endsOn: '2026-12-28', reason: 'Christmas' }];
    expect(nextOpening(weekdays, closures, new Date('2026-12-23T18:00:00Z'))).toMatchObject({
      date: '2026-12-29',
    });
  });

  it('describes the status in plain English', () => {
    expect(describeOpening(weekdays, [], new Date('2026-01-14T10:00:00Z')).text).toBe('Open until 17:00');
    expect(describeOpening(weekdays, [], new Date('2026-01-14T07:00:00Z')).text).toBe(
      'Closed. Opens today at 09:00',
    );
    expect(describeOpening(weekdays, [], new Date('2026-01-16T18:00:00Z')).text).toBe(
      'Closed. Opens Monday 19 January at 09:00',
    );
    const closures = [{ startsOn: '2026-12-24', endsOn: '2026-12-28', reason: 'Christmas' }];
    expect(describeOpening(weekdays, closures, new Date('2026-12-24T10:00:00Z')).text).toBe(
      'Closed (Christmas). Opens Tuesday 29 December at 09:00',
    );
    expect(describeOpening([], [], new Date()).text).toBe('No opening times listed');
  });
});
