import { describe, expect, it } from 'vitest';
import { formatOpeningTimes, parseOpeningTimes } from './opening-times';

describe('CSV opening times', () => {
  it('reads ranges, lists and several sessions, and writes them back the same', () => {
    const text = 'MO-FR 09:00-17:00; SA 10:00-12:00,13:00-15:00';
    const parsed = parseOpeningTimes(text);
    expect('schedules' in parsed && parsed.schedules).toHaveLength(7);
    expect('schedules' in parsed && formatOpeningTimes(parsed.schedules)).toBe(text);
    const list = parseOpeningTimes('MO,WE 09:00-12:00');
    expect('schedules' in list && list.schedules.map((s) => s.byday)).toEqual(['MO', 'WE']);
  });

  it('explains what is wrong', () => {
    expect(parseOpeningTimes('Mon 9-5')).toEqual({ error: expect.stringContaining('not a day') });
    expect(parseOpeningTimes('MO 9am-5pm')).toEqual({ error: expect.stringContaining('not a time range') });
    expect(parseOpeningTimes('MO 17:00-09:00')).toEqual({ error: expect.stringContaining('closes before') });
  });
});
