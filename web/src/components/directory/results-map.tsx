// The map view: London's borough boundaries (a local GeoJSON file, no tile server, so nothing
// leaves the site) and one marker per result. The map is supplementary: the list beside it says
// the same things, and each marker's popup links to the service.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FeatureCollection } from 'geojson';
import { latLngBounds, type LatLngBounds, type LatLngBoundsExpression, type PathOptions } from 'leaflet';
import { CircleMarker, GeoJSON, MapContainer, Pane, Popup, ZoomControl, useMap } from 'react-leaflet';
import 'leaflet/dist/leaflet.css';
import type { ServiceSearchResult } from '../../api/directory';
import { useFromHere } from './back-to-search';

const londonBounds: LatLngBoundsExpression = [
  [51.28, -0.51],
  [51.69, 0.34],
];

const boroughStyle: PathOptions = {
  color: '#425563',
  weight: 1,
  fillColor: '#e8edee',
  fillOpacity: 1,
  className: 'lw-directory-map__borough',
};
const markerStyle: PathOptions = { color: '#ffffff', weight: 2, fillColor: '#005eb8', fillOpacity: 1 };
const originStyle: PathOptions = { color: '#ffffff', weight: 2, fillColor: '#d5281b', fillOpacity: 1 };

/** Fits new results into view when the search changes (MapContainer reads its bounds only once). */
function FitToResults({ bounds }: { bounds: LatLngBounds | LatLngBoundsExpression }) {
  const map = useMap();
  const key = JSON.stringify(bounds);
  useEffect(() => {
    map.fitBounds(bounds, fitOptions);
    // The bounds are compared by value: a re-render with the same results must not move the map.
  }, [map, key]);
  return null;
}

/** Close enough to tell streets apart, far enough to show the borough around the results. */
const fitOptions = { maxZoom: 13 };

export default function ResultsMap({
  results,
  origin,
  serviceLink,
}: {
  results: ServiceSearchResult[];
  origin?: { latitude: number; longitude: number } | undefined;
  serviceLink: (id: string) => string;
}) {
  const { t } = useTranslation();
  const fromHere = useFromHere();
  const [boroughs, setBoroughs] = useState<FeatureCollection | undefined>();
  useEffect(() => {
    let isCurrent = true;
    fetch('/geo/london-boroughs.geojson')
      .then((response) => (response.ok ? (response.json() as Promise<FeatureCollection>) : undefined))
      .then((value) => {
        if (isCurrent) setBoroughs(value);
      })
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, []);

  const placed = results.filter(
    (result) =>
      typeof result.location?.latitude === 'number' && typeof result.location.longitude === 'number',
  );
  const points = placed.map(
    (result) => [result.location!.latitude!, result.location!.longitude!] as [number, number],
  );
  if (origin) points.push([origin.latitude, origin.longitude]);
  const bounds = points.length > 0 ? latLngBounds(points).pad(0.3) : londonBounds;

  return (
    <figure className="lw-directory-map">
      <MapContainer
        bounds={bounds}
        boundsOptions={fitOptions}
        className="lw-directory-map__canvas"
        attributionControl={false}
        scrollWheelZoom={false}
        // Not a keyboard stop of its own: the list beside the map holds the same results.
        keyboard={false}
        zoomControl={false}
      >
        <ZoomControl zoomInTitle={t('directory.map.zoomIn')} zoomOutTitle={t('directory.map.zoomOut')} />
        <FitToResults bounds={bounds} />
        {/* Its own pane below the markers: the boundaries load after the results and would cover them. */}
        <Pane name="lw-boroughs" className="lw-directory-map__boroughs-pane">
          {boroughs && <GeoJSON data={boroughs} style={boroughStyle} interactive={false} />}
        </Pane>
        {origin && (
          <CircleMarker center={[origin.latitude, origin.longitude]} radius={6} pathOptions={originStyle}>
            <Popup>{t('directory.map.yourPostcode')}</Popup>
          </CircleMarker>
        )}
        {placed.map((result) => (
          <CircleMarker
            key={result.id}
            center={[result.location!.latitude!, result.location!.longitude!]}
            radius={9}
            pathOptions={markerStyle}
            className="lw-directory-map__marker"
          >
            <Popup>
              <Link to={serviceLink(result.id)} state={fromHere}>
                {result.name}
              </Link>
              <br />
              {result.organisation.name}
            </Popup>
          </CircleMarker>
        ))}
      </MapContainer>
      <figcaption className="nhsuk-body-s">
        {t('directory.map.caption', { count: placed.length })} {t('directory.map.credit')}
      </figcaption>
    </figure>
  );
}
