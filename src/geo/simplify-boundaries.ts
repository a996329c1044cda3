// Shrinks borough boundaries for the browser without opening gaps or overlaps between neighbours.
// Neighbouring boroughs share their edge vertex for vertex, so each ring is cut into arcs at the
// junctions (points where the set of neighbours changes) and every arc is simplified once, in a
// canonical direction: both boroughs then keep exactly the same points along their common edge.
// Pure: used by build-assets.ts when the shipped files are rebuilt, and by its unit test.

export type Position = [number, number];
type Ring = Position[];
type Polygon = Ring[];

export type BoundaryFeature = {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: Polygon[] };
};
export type BoundaryCollection = { type: 'FeatureCollection'; features: BoundaryFeature[] };

const keyOf = (point: Position): string => `${point[0]},${point[1]}`;

function polygonsOf(feature: BoundaryFeature): Polygon[] {
  return feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
}

/** Ring points without the closing repeat of the first point. */
function openRing(ring: Ring): Position[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first && last && keyOf(first) === keyOf(last) ? ring.slice(0, -1) : ring.slice();
}

/** Points where three or more edges meet, or where a shared edge turns into an unshared one. */
function findJunctions(collection: BoundaryCollection): Set<string> {
  const neighbours = new Map<string, Set<string>>();
  for (const feature of collection.features) {
    for (const polygon of polygonsOf(feature)) {
      for (const ring of polygon) {
        const points = openRing(ring);
        points.forEach((point, index) => {
          const previous = points[(index - 1 + points.length) % points.length]!;
          const next = points[(index + 1) % points.length]!;
          const key = keyOf(point);
          const set = neighbours.get(key) ?? new Set<string>();
          set.add(keyOf(previous)).add(keyOf(next));
          neighbours.set(key, set);
        });
      }
    }
  }
  const junctions = new Set<string>();
  for (const [key, set] of neighbours) if (set.size !== 2) junctions.add(key);
  return junctions;
}

/** Douglas–Peucker on a local equirectangular projection (metres), endpoints always kept. */
function simplifyArc(arc: Position[], toleranceMetres: number): Position[] {
  if (arc.length <= 2) return arc;
  const metresPerDegreeLat = 111_320;
  const metresPerDegreeLng = metresPerDegreeLat * Math.cos((arc[0]![1] * Math.PI) / 180);
  const xy = arc.map(([lng, lat]) => [lng * metresPerDegreeLng, lat * metresPerDegreeLat] as const);
  const keep = new Array<boolean>(arc.length).fill(false);
  keep[0] = keep[arc.length - 1] = true;
  const stack: Array<[number, number]> = [[0, arc.length - 1]];
  while (stack.length > 0) {
    const [start, end] = stack.pop()!;
    const [ax, ay] = xy[start]!;
    const [bx, by] = xy[end]!;
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSquared = dx * dx + dy * dy;
    let farthest = -1;
    // The first split of an arc always keeps its farthest point: two different arcs between the same
    // junctions would otherwise both collapse to one straight edge and leave a zero-width sliver.
    let farthestDistance = start === 0 && end === arc.length - 1 ? -1 : toleranceMetres;
    for (let i = start + 1; i < end; i++) {
      const [px, py] = xy[i]!;
      const t =
        lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
      const distance = Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
      if (distance > farthestDistance) {
        farthest = i;
        farthestDistance = distance;
      }
    }
    if (farthest !== -1) {
      keep[farthest] = true;
      stack.push([start, farthest], [farthest, end]);
    }
  }
  return arc.filter((_, index) => keep[index]);
}

/** Simplifies an arc the same way whichever borough's ring it is read from. */
function simplifyArcCanonically(arc: Position[], toleranceMetres: number): Position[] {
  const forward = arc.map(keyOf).join(';');
  const backward = arc.map(keyOf).reverse().join(';');
  if (forward <= backward) return simplifyArc(arc, toleranceMetres);
  return simplifyArc(arc.slice().reverse(), toleranceMetres).reverse();
}

function simplifyRing(ring: Ring, junctions: Set<string>, toleranceMetres: number): Ring {
  const points = openRing(ring);
  let cuts = points.flatMap((point, index) => (junctions.has(keyOf(point)) ? [index] : []));
  if (cuts.length < 2) {
    // An island (or a ring touching others at one point): pin its first point and the point
    // farthest from it, so the simplified ring cannot collapse to a line.
    const origin = points[cuts[0] ?? 0]!;
    let farthest = 0;
    points.forEach((point, index) => {
      const best = points[farthest]!;
      if (
        Math.hypot(point[0] - origin[0], point[1] - origin[1]) >
        Math.hypot(best[0] - origin[0], best[1] - origin[1])
      )
        farthest = index;
    });
    cuts = [...new Set([cuts[0] ?? 0, farthest])].sort((a, b) => a - b);
  }
  const result: Position[] = [];
  for (let c = 0; c < cuts.length; c++) {
    const from = cuts[c]!;
    const to = cuts[(c + 1) % cuts.length]!;
    const arc: Position[] = [];
    for (let i = from; ; i = (i + 1) % points.length) {
      arc.push(points[i]!);
      if (i === to && arc.length > 1) break;
    }
    result.push(...simplifyArcCanonically(arc, toleranceMetres).slice(0, -1));
  }
  result.push(result[0]!);
  return result;
}

const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** Rounds first (so shared points stay identical), then simplifies every ring along shared arcs. */
export function simplifyBoundaries(
  collection: BoundaryCollection,
  options: { toleranceMetres: number; decimals: number },
): BoundaryCollection {
  const rounded: BoundaryCollection = {
    type: 'FeatureCollection',
    features: collection.features.map((feature) =>
      mapRings(feature, (ring) =>
        dedupe(ring.map(([lng, lat]) => [round(lng, options.decimals), round(lat, options.decimals)])),
      ),
    ),
  };
  const junctions = findJunctions(rounded);
  return {
    type: 'FeatureCollection',
    features: rounded.features.map((feature) =>
      mapRings(feature, (ring) => simplifyRing(ring, junctions, options.toleranceMetres)),
    ),
  };
}

/** Drops consecutive repeats that rounding can create. */
function dedupe(ring: Ring): Ring {
  return ring.filter((point, index) => index === 0 || keyOf(point) !== keyOf(ring[index - 1]!));
}

function mapRings(feature: BoundaryFeature, transform: (ring: Ring) => Ring): BoundaryFeature {
  const geometry: BoundaryFeature['geometry'] =
    feature.geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: feature.geometry.coordinates.map(transform) }
      : {
          type: 'MultiPolygon',
          coordinates: feature.geometry.coordinates.map((polygon) => polygon.map(transform)),
        };
  return { type: 'Feature', properties: feature.properties, geometry };
}

export function countVertices(collection: BoundaryCollection): number {
  let count = 0;
  for (const feature of collection.features)
    for (const polygon of polygonsOf(feature)) for (const ring of polygon) count += ring.length - 1;
  return count;
}
