// The shipped files themselves: complete, and in the form the lookups rely on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isValid, toNormalised, toOutcode, toSector } from 'postcode';
import { describe, expect, it } from 'vitest';
import {
  geographyAssetsDir,
  readBoroughs,
  readGeographyCsv,
  readPostcodeAreas,
  readPostcodes,
} from './geography-files';

describe('the geography files in assets/geo', () => {
  const postcodes = readPostcodes();
  const sectors = readPostcodeAreas('sectors');
  const districts = readPostcodeAreas('districts');
  const boroughs = readBoroughs();

  it('hold every row of the source release (README counts)', () => {
    expect(postcodes).toHaveLength(180_792);
    expect(readGeographyCsv('postcodes').rowCount).toBe(180_792);
    expect(sectors).toHaveLength(1_309);
    expect(districts).toHaveLength(311);
    expect(boroughs).toHaveLength(33);
    expect(boroughs.reduce((sum, borough) => sum + borough.population, 0)).toBe(8_799_697);
  });

  it('store each postcode in the normalised form a lookup searches for, once', () => {
    const misfits = postcodes.filter(
      (row) => !isValid(row.postcode) || toNormalised(row.postcode) !== row.postcode,
    );
    expect(misfits).toEqual([]);
    expect(new Set(postcodes.map((row) => row.postcode)).size).toBe(postcodes.length);
  });

  it('have a sector and district centroid for every postcode, named as the postcode library names them', () => {
    const sectorCodes = new Set(sectors.map((row) => row.code));
    const districtCodes = new Set(districts.map((row) => row.code));
    expect(postcodes.filter((row) => !sectorCodes.has(toSector(row.postcode)!))).toEqual([]);
    expect(postcodes.filter((row) => !districtCodes.has(toOutcode(row.postcode)!))).toEqual([]);
  });

  it('place every point in Greater London and in one of the 33 boroughs', () => {
    const boroughCodes = new Set(boroughs.map((borough) => borough.code));
    expect([...boroughCodes].every((code) => /^E090000(0[1-9]|[12]\d|3[0-3])$/.test(code))).toBe(true);
    const isInLondon = (row: { latitude: number; longitude: number }) =>
      row.latitude > 51.28 && row.latitude < 51.7 && row.longitude > -0.52 && row.longitude < 0.34;
    expect([...postcodes, ...sectors, ...districts].filter((row) => !isInLondon(row))).toEqual([]);
    expect(postcodes.filter((row) => !boroughCodes.has(row.boroughCode))).toEqual([]);
    expect(postcodes.filter((row) => !/^E01\d{6}$/.test(row.lsoaCode))).toEqual([]);
    expect([...sectors, ...districts].filter((row) => !boroughCodes.has(row.mainBoroughCode))).toEqual([]);
  });

  it('keep the full-resolution borough boundaries (33 features) beside the tables', () => {
    const collection = JSON.parse(
      gunzipSync(readFileSync(path.join(geographyAssetsDir, 'london-boroughs.geojson.gz'))).toString('utf8'),
    ) as { features: unknown[] };
    expect(collection.features).toHaveLength(33);
  });
});
