import { describe, expect, it } from 'vitest';
import { boundingBox, earthRadiusKm, haversineKm, type LatLng } from './distance';

const charingCross: LatLng = { latitude: 51.5073, longitude: -0.12755 };

/** The point `distanceKm` from `start` along `bearingDegrees`, on the same sphere (the inverse problem). */
function destination(start: LatLng, bearingDegrees: number, distanceKm: number): LatLng {
  const rad = Math.PI / 180;
  const angular = distanceKm / earthRadiusKm;
  const bearing = bearingDegrees * rad;
  const lat1 = start.latitude * rad;
  const lng1 = start.longitude * rad;
  const lat2 = Math.asin(
    Math.sin(lat1) * Math.cos(angular) + Math.cos(lat1) * Math.sin(angular) * Math.cos(bearing),
  );
  const lng2 =
    lng1 +
    Math.atan2(
      Math.sin(bearing) * Math.sin(angular) * Math.cos(lat1),
      Math.cos(angular) - Math.sin(lat1) * Math.sin(lat2),
    );
  return { latitude: lat2 / rad, longitude: lng2 / rad };
}

describe('haversineKm', () => {
  it('matches known distances', () => {
    // One degree along the equator is 2πR/360.
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 })).toBeCloseTo(111.195, 3);
    // London (Charing Cross) to Paris (Notre-Dame): about 343.5 km great-circle.
    expect(haversineKm(charingCross, { latitude: 48.853, longitude: 2.3499 })).toBeCloseTo(343.5, 0);
    // One minute of latitude is (close to) a nautical mile; pole to equator is πR/2.
    expect(haversineKm({ latitude: 51, longitude: 0 }, { latitude: 51 + 1 / 60, longitude: 0 })).toBeCloseTo(
      1.853,
      3,
    );
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 90, longitude: 0 })).toBeCloseTo(
      10_007.55,
      1,
    );
  });

  it('is zero for the same point, symmetric, and half the circumference for antipodes', () => {
    expect(haversineKm(charingCross, charingCross)).toBe(0);
    const paris = { latitude: 48.853, longitude: 2.3499 };
    expect(haversineKm(charingCross, paris)).toBeCloseTo(haversineKm(paris, charingCross), 9);
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(
      Math.PI * earthRadiusKm,
      6,
    );
  });

  it('agrees with the destination formula it is the inverse of', () => {
    for (const bearing of [0, 45, 90, 180, 270, 333]) {
      expect(haversineKm(charingCross, destination(charingCross, bearing, 7.5))).toBeCloseTo(7.5, 9);
    }
  });
});

describe('boundingBox', () => {
  const contains = (box: ReturnType<typeof boundingBox>, point: LatLng) =>
    point.latitude >= box.minLatitude &&
    point.latitude <= box.maxLatitude &&
    point.longitude >= box.minLongitude &&
    point.longitude <= box.maxLongitude;

  it.each([
    { name: 'central London, 2 km', center: charingCross, radiusKm: 2 },
    { name: 'outer London, 25 km', center: { latitude: 51.35, longitude: 0.15 }, radiusKm: 25 },
    { name: 'far north, 300 km', center: { latitude: 70, longitude: 20 }, radiusKm: 300 },
    { name: 'southern hemisphere, 50 km', center: { latitude: -33.9, longitude: 151.2 }, radiusKm: 50 },
  ])('holds every point of the circle: $name', ({ center, radiusKm }) => {
    const box = boundingBox(center, radiusKm);
    for (let bearing = 0; bearing < 360; bearing += 0.5) {
      // A hair inside the radius, so rounding in the destination formula cannot decide the test.
      expect(contains(box, destination(center, bearing, radiusKm * (1 - 1e-12)))).toBe(true);
    }
  });

  it('is tight: its edges touch the circle', () => {
    const box = boundingBox(charingCross, 5);
    const edges = Array.from({ length: 3600 }, (_, i) => destination(charingCross, i / 10, 5));
    expect(Math.max(...edges.map((p) => p.latitude))).toBeCloseTo(box.maxLatitude, 9);
    expect(Math.min(...edges.map((p) => p.latitude))).toBeCloseTo(box.minLatitude, 9);
    expect(Math.max(...edges.map((p) => p.longitude))).toBeCloseTo(box.maxLongitude, 6);
    expect(Math.min(...edges.map((p) => p.longitude))).toBeCloseTo(box.minLongitude, 6);
  });

  it('widens to every longitude near a pole or across the antimeridian, and is a point for radius 0', () => {
    expect(boundingBox({ latitude: 89.9, longitude: 0 }, 50)).toMatchObject({
      minLongitude: -180,
      maxLongitude: 180,
      maxLatitude: 90,
    });
    expect(boundingBox({ latitude: 0, longitude: 179.99 }, 10)).toMatchObject({
      minLongitude: -180,
      maxLongitude: 180,
    });
    expect(boundingBox(charingCross, 0)).toEqual({
      minLatitude: charingCross.latitude,
      maxLatitude: charingCross.latitude,
      minLongitude: charingCross.longitude,
      maxLongitude: charingCross.longitude,
    });
    expect(() => boundingBox(charingCross, -1)).toThrow(RangeError);
    expect(() => boundingBox(charingCross, Number.NaN)).toThrow(RangeError);
  });
});
