// The shipped files themselves: complete, and in the form the lookups rely on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isValid, toNormalised, toOutcode, toSector } from 'postcode';
import { describe, expect, it } from 'vitest';
import { ageBands } from '../vocabulary/demographics';
import { aggregateBoroughPopulation } from './borough-population';
import {
  geographyAssetsDir,
  readBoroughPopulation,
  readBoroughs,
  readGeographyCsv,
  readLsoas,
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

  it('hold IMD 2019 for every London LSOA 2011 that the postcodes point at (README decile counts)', () => {
    const lsoas = readLsoas();
    expect(lsoas).toHaveLength(4_835);
    expect(new Set(lsoas.map((row) => row.code)).size).toBe(4_835);
    const perDecile = Array.from(
      { length: 10 },
      (_, index) => lsoas.filter((row) => row.imdDecile === index + 1).length,
    );
    expect(perDecile).toEqual([107, 688, 811, 661, 559, 532, 438, 413, 407, 219]);
    expect(
      lsoas.filter((row) => row.domainDeciles.length !== 7 || row.domainDeciles.some((d) => d < 1 || d > 10)),
    ).toEqual([]);
    const boroughCodes = new Set(boroughs.map((borough) => borough.code));
    expect(lsoas.filter((row) => !boroughCodes.has(row.boroughCode))).toEqual([]);
    const lsoaCodes = new Set(lsoas.map((row) => row.code));
    expect(postcodes.filter((row) => !lsoaCodes.has(row.lsoaCode))).toEqual([]);
  });

  it('hold Census 2021 population for the 33 boroughs by sex and equity age band, totals matching', () => {
    const rows = readBoroughPopulation();
    expect(rows).toHaveLength(33 * 3 * (ageBands.length + 1));
    expect(new Set(rows.map((row) => row.boroughCode)).size).toBe(33);
    const total = (sex: string, band = 'all') =>
      rows
        .filter((row) => row.sex === sex && row.ageBand === band)
        .reduce((sum, row) => sum + row.population, 0);
    expect(total('all')).toBe(8_799_697);
    expect(total('female') + total('male')).toBe(8_799_697);
    expect(ageBands.reduce((sum, band) => sum + total('all', band), 0)).toBe(8_799_697);
    // Each borough's bands add up to its own total, and its total is the boroughs file's.
    for (const borough of boroughs) {
      const own = rows.filter((row) => row.boroughCode === borough.code && row.sex === 'all');
      const bands = own.filter((row) => row.ageBand !== 'all').reduce((sum, row) => sum + row.population, 0);
      expect(own.find((row) => row.ageBand === 'all')?.population).toBe(bands);
      expect(bands).toBe(borough.population);
    }
  });
});

describe('aggregateBoroughPopulation', () => {
  it('sums single years into the equity bands, 90+ into 85+, with an all band', () => {
    const csv = aggregateBoroughPopulation([
      ['borough_code', 'borough_name', 'sex', 'age', 'population'],
      ['E09000001', 'City of London', 'all', '17', '5'],
      ['E09000001', 'City of London', 'all', '18', '7'],
      ['E09000001', 'City of London', 'all', '89', '2'],
      ['E09000001', 'City of London', 'all', '90+', '3'],
    ]);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('borough_code,sex,age_band,population');
    expect(lines).toContain('E09000001,all,0-17,5');
    expect(lines).toContain('E09000001,all,18-24,7');
    expect(lines).toContain('E09000001,all,85+,5');
    expect(lines).toContain('E09000001,all,25-34,0');
    expect(lines).toContain('E09000001,all,all,17');
  });
});
