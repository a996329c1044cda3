// Pure: the Census 2021 single-year population file turned into the equity age bands, for
// build-assets.ts (and its unit test, which must not run the build script).
import { ageBandOf, ageBands } from '../vocabulary/demographics';
import { geographyFiles } from './geography-files';

/**
 * Census 2021 TS009 single years of age (0…89, "90+") summed into the equity age bands of
 * src/vocabulary/demographics.ts, plus an 'all' band per borough and sex: the denominators of the
 * Insight rates. The single years make 0–17 possible, which the 5-year bands cannot give.
 */
export function aggregateBoroughPopulation(rows: string[][]): string {
  const header = rows[0]!;
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index === -1) throw new Error(`Missing column ${name}`);
    return index;
  };
  const [boroughIndex, sexIndex, ageIndex, populationIndex] = [
    'borough_code',
    'sex',
    'age',
    'population',
  ].map(column) as [number, number, number, number];
  const totals = new Map<string, number>();
  const add = (key: string, population: number) => totals.set(key, (totals.get(key) ?? 0) + population);
  for (const row of rows.slice(1)) {
    const age = row[ageIndex] === '90+' ? 90 : Number(row[ageIndex]);
    const population = Number(row[populationIndex]);
    if (!Number.isInteger(age) || !Number.isInteger(population))
      throw new Error(`Unreadable population row: ${row.join(',')}`);
    const key = `${row[boroughIndex]},${row[sexIndex]}`;
    add(`${key},${ageBandOf(age)}`, population);
    add(`${key},all`, population);
  }
  const boroughSexes = [
    ...new Set([...totals.keys()].map((key) => key.split(',').slice(0, 2).join(','))),
  ].sort();
  const lines = boroughSexes.flatMap((key) =>
    [...ageBands, 'all'].map((band) => `${key},${band},${totals.get(`${key},${band}`) ?? 0}`),
  );
  return [geographyFiles.boroughPopulation.columns.join(','), ...lines].join('\n') + '\n';
}
