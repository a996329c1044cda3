// Great-circle distance and the bounding box around a circle: the two halves of proximity search.
// Search filters candidates with the box on a plain btree (latitude, longitude) index, then orders
// them by haversine distance — portable to every PostgreSQL-compatible engine (see stack.md).
// Pure: no database, no clock.

export type LatLng = { latitude: number; longitude: number };

export type BoundingBox = {
  minLatitude: number;
  maxLatitude: number;
  minLongitude: number;
  maxLongitude: number;
};

/** The mean Earth radius (IUGG), which keeps haversine within about 0.5% of the ellipsoid. */
export const earthRadiusKm = 6371.0088;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;
const toDegrees = (radians: number): number => (radians * 180) / Math.PI;

/** Great-circle distance in kilometres between two WGS84 points. */
export function haversineKm(a: LatLng, b: LatLng): number {
  const dLat = toRadians(b.latitude - a.latitude);
  const dLng = toRadians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLng / 2) ** 2;
  // min() guards asin against rounding just above 1 for antipodal points.
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The smallest latitude/longitude box that holds every point within `radiusKm` of `center`
 * (on the sphere haversineKm uses). The longitude half-width is asin(sin(r) / cos(lat)), the exact
 * widest point of the circle, not r / cos(lat), which is too narrow. Near a pole, or across the
 * antimeridian, the box widens to every longitude rather than wrap: still a superset.
 */
export function boundingBox(center: LatLng, radiusKm: number): BoundingBox {
  if (!(radiusKm >= 0)) throw new RangeError(`radiusKm must be zero or more, not ${radiusKm}`);
  const angular = radiusKm / earthRadiusKm;
  const minLatitude = center.latitude - toDegrees(angular);
  const maxLatitude = center.latitude + toDegrees(angular);
  if (minLatitude <= -90 || maxLatitude >= 90 || angular >= Math.PI / 2) {
    return {
      minLatitude: Math.max(minLatitude, -90),
      maxLatitude: Math.min(maxLatitude, 90),
      minLongitude: -180,
      maxLongitude: 180,
    };
  }
  const halfWidth = toDegrees(Math.asin(Math.sin(angular) / Math.cos(toRadians(center.latitude))));
  const minLongitude = center.longitude - halfWidth;
  const maxLongitude = center.longitude + halfWidth;
  if (minLongitude < -180 || maxLongitude > 180) {
    return { minLatitude, maxLatitude, minLongitude: -180, maxLongitude: 180 };
  }
  return { minLatitude, maxLatitude, minLongitude, maxLongitude };
}
