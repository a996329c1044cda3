import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { geographyAssetsDir } from './geography-files';
import {
  countVertices,
  simplifyBoundaries,
  type BoundaryCollection,
  type BoundaryFeature,
  type Position,
} from './simplify-boundaries';

type Ring = Position[];

function ringsOf(collection: BoundaryCollection): Ring[] {
  return collection.features.flatMap((feature) =>
    feature.geometry.type === 'Polygon' ? feature.geometry.coordinates : feature.geometry.coordinates.flat(),
  );
}

/** Edges used by one ring only: the outline of the whole map. A gap between neighbours would add more. */
function unsharedEdges(collection: BoundaryCollection): { count: number; lengthKm: number } {
  const uses = new Map<string, number>();
  for (const ring of ringsOf(collection)) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [a, b] = [ring[i]!.join(','), ring[i + 1]!.join(',')];
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      uses.set(key, (uses.get(key) ?? 0) + 1);
    }
  }
  let count = 0;
  let lengthKm = 0;
  for (const [key, used] of uses) {
    expect(used).toBeLessThanOrEqual(2);
    if (used !== 1) continue;
    count++;
    const [[lng1, lat1], [lng2, lat2]] = key.split('|').map((point) => point.split(',').map(Number)) as [
      number[],
      number[],
    ];
    lengthKm += Math.hypot((lng1! - lng2!) * 69.4, (lat1! - lat2!) * 111.2);
  }
  return { count, lengthKm };
}

const square = (code: string, ring: Ring): BoundaryFeature => ({
  type: 'Feature',
  properties: { code },
  geometry: { type: 'Polygon', coordinates: [ring] },
});

describe('simplifyBoundaries', () => {
  it('simplifies an edge two areas share identically on both sides', () => {
    // Two squares sharing a wobbly vertical edge at longitude 0 (wobble of about 1 m).
    const wobble: Position[] = [
      [0, 51.5],
      [0.00001, 51.501],
      [0, 51.502],
      [-0.00001, 51.503],
      [0, 51.504],
    ];
    const west = square('W', [[-0.01, 51.5], ...wobble, [-0.01, 51.504], [-0.01, 51.5]]);
    const east = square('E', [[0.01, 51.504], ...wobble.slice().reverse(), [0.01, 51.5], [0.01, 51.504]]);
    const simplified = simplifyBoundaries(
      { type: 'FeatureCollection', features: [west, east] },
      { toleranceMetres: 5, decimals: 5 },
    );
    const [westRing, eastRing] = ringsOf(simplified);
    const shared = (ring: Ring) => [
      ...new Set(ring.filter(([lng]) => Math.abs(lng) <= 0.00001).map((point) => point.join(','))),
    ];
    expect(shared(westRing!).sort()).toEqual(shared(eastRing!).sort());
    expect(shared(westRing!).length).toBeLessThan(wobble.length);
    for (const ring of [westRing!, eastRing!]) expect(ring[0]).toEqual(ring[ring.length - 1]);
  });

  it('keeps the shipped London map whole: fewer points, same outline, no gaps or overlaps', () => {
    const source = JSON.parse(
      gunzipSync(readFileSync(path.join(geographyAssetsDir, 'london-boroughs.geojson.gz'))).toString('utf8'),
    ) as BoundaryCollection;
    const shipped = JSON.parse(
      readFileSync(
        path.join(geographyAssetsDir, '..', '..', 'web', 'public', 'geo', 'london-boroughs.geojson'),
        'utf8',
      ),
    ) as BoundaryCollection;
    expect(shipped.features.map((feature) => feature.properties)).toEqual(
      source.features.map((feature) => feature.properties),
    );
    expect(countVertices(shipped)).toBeLessThan(countVertices(source) * 0.7);
    for (const ring of ringsOf(shipped)) {
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
    // Every inner edge is still used by exactly the two boroughs either side of it, so the only
    // unshared edges are London's outline, whose length barely changes.
    const before = unsharedEdges(source);
    const after = unsharedEdges(shipped);
    expect(after.lengthKm).toBeGreaterThan(before.lengthKm * 0.98);
    expect(after.lengthKm).toBeLessThan(before.lengthKm * 1.001);
  });
});
