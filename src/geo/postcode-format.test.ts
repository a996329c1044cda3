import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors';
import { outsideLondon, parsePostcode } from './postcode-format';
import { describeResolution } from './resolve-postcode';

describe('parsePostcode', () => {
  it.each([
    ['N17 6HB', 'N17 6HB', 'N17 6', 'N17'],
    ['n176hb', 'N17 6HB', 'N17 6', 'N17'],
    ['  n17   6hb ', 'N17 6HB', 'N17 6', 'N17'],
    ['sw1a1aa', 'SW1A 1AA', 'SW1A 1', 'SW1A'],
    ['EC1A 1BB', 'EC1A 1BB', 'EC1A 1', 'EC1A'],
    ['e1w1aa', 'E1W 1AA', 'E1W 1', 'E1W'],
  ])('reads %j as %s (sector %s, district %s)', (input, postcode, sector, district) => {
    expect(parsePostcode(input)).toEqual({ postcode, sector, district });
  });

  it.each(['', 'N17', 'N17 6', 'nonsense', 'N17 6HBX', 'N17-6HB', '12345', 'N17 6HB; drop table'])(
    'refuses %j with a 400 naming the field',
    (input) => {
      const error = captureError(() => parsePostcode(input, { field: 'near', location: 'querystring' }));
      expect(error.code).toBe('validation_failed');
      expect(error.status).toBe(400);
      expect(error.errors).toEqual([
        expect.objectContaining({
          field: 'near',
          in: 'querystring',
          detail: expect.stringContaining('not a UK postcode'),
        }),
      ]);
      expect(error.extra).toEqual({ reason: 'not_a_postcode' });
    },
  );

  it('names the postcode field in the query string by default', () => {
    const error = captureError(() => parsePostcode('nope'));
    expect(error.errors?.[0]).toMatchObject({ field: 'postcode', pointer: '#/postcode', in: 'querystring' });
  });

  it('says plainly that only London is covered', () => {
    const error = outsideLondon(parsePostcode('m11ae'));
    expect(error.status).toBe(400);
    expect(error.message).toBe('M1 1AE is outside London. Linkwell covers London postcodes only.');
    expect(error.extra).toEqual({ reason: 'outside_london' });
  });
});

describe('describeResolution', () => {
  const point = {
    latitude: 51.59,
    longitude: -0.06,
    boroughCode: 'E09000014',
    boroughName: 'Haringey',
    lsoaCode: null,
  };

  it('adds no note for a live postcode', () => {
    const resolution = describeResolution(parsePostcode('N17 6HB'), 'postcode', {
      ...point,
      lsoaCode: 'E01002082',
    });
    expect(resolution).toEqual({
      postcode: 'N17 6HB',
      ...point,
      lsoaCode: 'E01002082',
      precision: 'postcode',
    });
    expect('note' in resolution).toBe(false);
  });

  it('says which centroid stands in for a postcode that is not current', () => {
    expect(describeResolution(parsePostcode('n179zz'), 'sector', point).note).toBe(
      'N17 9ZZ is not a current postcode; using the centre of sector N17 9',
    );
    expect(describeResolution(parsePostcode('N17 2ZZ'), 'district', point).note).toBe(
      'N17 2ZZ is not a current postcode; using the centre of district N17',
    );
  });
});

function captureError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}
