// The Insight map: borough or LSOA boundaries (local GeoJSON under /geo, no tile server, so nothing
// leaves the site and nothing is drawn but boundaries) shaded by the chosen layer, services as dots.
// Loaded lazily (Leaflet is large). The map is keyboard operable (Leaflet's arrow-key panning and
// +/− zoom once it has focus) and named for screen readers; the table alternative on the same page
// holds every figure, so areas and dots are not separate keyboard stops.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Feature, FeatureCollection } from 'geojson';
import { geoJSON, type LatLngBoundsExpression, type Layer, type PathOptions } from 'leaflet';
import { CircleMarker, GeoJSON, MapContainer, Pane, Popup, ZoomControl, useMap } from 'react-leaflet';
import 'leaflet/dist/leaflet.css';
import type { InsightCell, InsightMap, MapLevel } from '../../api/insight';
import type { Shading } from './map-shading';

const londonBounds: LatLngBoundsExpression = [
  [51.28, -0.51],
  [51.69, 0.34],
];

const boundaryFiles: Record<MapLevel, { url: string; codeProperty: string }> = {
  borough: { url: '/geo/london-boroughs.geojson', codeProperty: 'borough_code' },
  lsoa: { url: '/geo/london-lsoa-2011.geojson', codeProperty: 'lsoa11_code' },
};

// Each file is fetched once per page load, whichever panel asks first.
const loaded = new Map<MapLevel, Promise<FeatureCollection | undefined>>();
function loadBoundaries(level: MapLevel): Promise<FeatureCollection | undefined> {
  let promise = loaded.get(level);
  if (!promise) {
    promise = fetch(boundaryFiles[level].url)
      .then((response) => (response.ok ? (response.json() as Promise<FeatureCollection>) : undefined))
      .catch(() => undefined);
    loaded.set(level, promise);
  }
  return promise;
}

const markerStyle: PathOptions = { color: '#ffffff', weight: 2, fillColor: '#d5281b', fillOpacity: 1 };

/** Names the map for assistive technology and points to the keyboard help (Leaflet sets tabindex). */
function DescribeMap({ label, describedBy }: { label: string; describedBy: string }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', label);
    container.setAttribute('aria-describedby', describedBy);
  }, [map, label, describedBy]);
  return null;
}

/** Fits the areas that have figures (e.g. one borough's LSOAs) into view when they change. */
function FitToAreas({ features }: { features: Feature[] }) {
  const map = useMap();
  const key = features.length;
  useEffect(() => {
    if (features.length === 0) return;
    const bounds = geoJSON({ type: 'FeatureCollection', features } as FeatureCollection).getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8], animate: false });
    // Refit only when the set of areas changes, not on every render.
  }, [map, key, features[0]]);
  return null;
}

/** A short fingerprint of the figures (FNV-1a), so the layer is rebuilt only when they change. */
function signature(map: InsightMap): string {
  let hash = 0x811c9dc5;
  for (const area of map.areas) {
    const text = `${area.code}=${area.value.value ?? ''};`;
    for (let index = 0; index < text.length; index++) {
      hash ^= text.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return hash.toString(36);
}

export default function Choropleth({
  map,
  shading,
  label,
  describedBy,
  valueText,
}: {
  map: InsightMap;
  shading: Shading;
  label: string;
  describedBy: string;
  valueText: (cell: InsightCell) => string;
}) {
  const { t } = useTranslation();
  const [boundaries, setBoundaries] = useState<FeatureCollection | undefined>();
  useEffect(() => {
    let isCurrent = true;
    setBoundaries(undefined);
    void loadBoundaries(map.level).then((value) => {
      if (isCurrent) setBoundaries(value);
    });
    return () => {
      isCurrent = false;
    };
  }, [map.level]);

  const { codeProperty } = boundaryFiles[map.level];
  const areaByCode = useMemo(() => new Map(map.areas.map((area) => [area.code, area])), [map.areas]);
  // Only the areas the answer covers are drawn: a borough filter shows that borough's LSOAs.
  const features = useMemo(
    () =>
      (boundaries?.features ?? []).filter((feature) =>
        areaByCode.has(String(feature.properties?.[codeProperty] ?? '')),
      ),
    [boundaries, areaByCode, codeProperty],
  );
  const codeOf = (feature: Feature | undefined) => String(feature?.properties?.[codeProperty] ?? '');
  const style = (feature: Feature | undefined): PathOptions => ({
    color: '#425563',
    weight: map.level === 'lsoa' ? 0.5 : 1,
    fillColor: shading.colourOf(areaByCode.get(codeOf(feature))?.value ?? { value: null }),
    fillOpacity: 1,
  });
  const bindLabel = (feature: Feature, layer: Layer) => {
    const code = codeOf(feature);
    const area = areaByCode.get(code);
    layer.bindTooltip(`${area?.name ?? code}: ${valueText(area?.value ?? { value: null })}`, {
      sticky: true,
    });
  };
  // Leaflet's GeoJSON layer reads its data and style once: a new answer needs a new layer.
  const dataKey = useMemo(
    () => `${map.level}-${map.layer}-${features.length}-${signature(map)}`,
    [map, features],
  );

  return (
    <MapContainer
      bounds={londonBounds}
      className="lw-insight-map__canvas"
      attributionControl={false}
      scrollWheelZoom={false}
      zoomControl={false}
      keyboard
      // No animations: leaving the page mid-zoom made Leaflet read a removed pane ('_leaflet_pos').
      zoomAnimation={false}
      fadeAnimation={false}
      markerZoomAnimation={false}
    >
      <DescribeMap label={label} describedBy={describedBy} />
      <ZoomControl zoomInTitle={t('insight.map.zoomIn')} zoomOutTitle={t('insight.map.zoomOut')} />
      <FitToAreas features={features} />
      <Pane name="lw-insight-areas" style={{ zIndex: 350 }}>
        {features.length > 0 && (
          <GeoJSON
            key={dataKey}
            data={{ type: 'FeatureCollection', features } as FeatureCollection}
            style={style}
            onEachFeature={bindLabel}
          />
        )}
      </Pane>
      {map.services.map((service) => (
        <CircleMarker
          key={service.id}
          center={[service.lat, service.lng]}
          radius={5}
          pathOptions={markerStyle}
        >
          <Popup>{service.name}</Popup>
        </CircleMarker>
      ))}
    </MapContainer>
  );
}
