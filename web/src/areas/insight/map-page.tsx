// The Insight map (/insight/map?layer=&level=&filters): boroughs or LSOAs shaded by referral rate,
// deprivation or unmet need, with services as dots and a key; "Show as table" swaps the map for the
// same figures as a table (and the services as a list), with the CSV download. The layer and level
// live in the URL beside the filters, so a map can be bookmarked.
import { lazy, Suspense, useId, useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { insightApi, type InsightMap, type MapLayer, type MapLevel } from '../../api/insight';
import { Button } from '../../components/button';
import { Loading } from '../../components/display';
import { Select } from '../../components/fields';
import { LoadError } from '../../components/load-error';
import { useApiData } from '../../hooks/use-api-data';
import { useInsightFilters } from './filters';
import { useCellText } from './format';
import { InsightLayout, PanelSummary } from './insight-layout';
import { InsightDataTable } from './insight-table';
import { noFigureColour, shadingFor, type Shading } from './map-shading';

const Choropleth = lazy(() => import('./choropleth'));

const layers: MapLayer[] = ['referral_rate', 'imd', 'unmet_need'];
const levels: MapLevel[] = ['borough', 'lsoa'];
function MapLegend({ map, shading }: { map: InsightMap; shading: Shading }) {
  const { t } = useTranslation();
  return (
    <div className="lw-insight-legend">
      <h3 className="nhsuk-heading-s">{t('insight.map.legend')}</h3>
      <p className="nhsuk-body-s">{map.legend.title}</p>
      <ul className="nhsuk-list lw-insight-legend__list">
        {shading.steps.map((step) => (
          <li key={step.label}>
            <span
              className="lw-insight-legend__swatch"
              style={{ background: step.colour }}
              aria-hidden="true"
            />
            {step.label}
          </li>
        ))}
        <li>
          <span
            className="lw-insight-legend__swatch"
            style={{ background: noFigureColour }}
            aria-hidden="true"
          />
          {t('insight.map.noFigure')}
        </li>
        <li>
          <span className="lw-insight-legend__dot" aria-hidden="true" />
          {t('insight.map.services')}
        </li>
      </ul>
    </div>
  );
}

export function MapPage() {
  const { t } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const filters = useInsightFilters();
  const layer = layers.includes(params.get('layer') as MapLayer)
    ? (params.get('layer') as MapLayer)
    : 'referral_rate';
  const level = levels.includes(params.get('level') as MapLevel)
    ? (params.get('level') as MapLevel)
    : 'borough';
  const [chosenLayer, setChosenLayer] = useState<string>(layer);
  const [chosenLevel, setChosenLevel] = useState<string>(level);
  const [isTableShown, setIsTableShown] = useState(false);
  const cellText = useCellText();
  const data = useApiData(
    () => insightApi.map(layer, level, filters),
    [layer, level, filters.from, filters.to, filters.programmeId, filters.borough, filters.source],
  );
  const map = data.data;
  const layerLabel = t(`insight.map.layers.${layer}`);
  const table = map?.table;
  const shading = useMemo(() => (map ? shadingFor(map) : undefined), [map]);

  const show = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    next.set('layer', chosenLayer);
    next.set('level', chosenLevel);
    setParams(next);
  };

  return (
    <InsightLayout current="map">
      <form
        className="lw-insight-filters lw-no-print"
        onSubmit={show}
        aria-label={t('insight.map.formLabel')}
      >
        <div className="lw-insight-filters__fields">
          <Select
            id="map-layer"
            label={t('insight.map.layer')}
            value={chosenLayer}
            onChange={setChosenLayer}
            options={layers.map((value) => ({ value, text: t(`insight.map.layers.${value}`) }))}
          />
          <Select
            id="map-level"
            label={t('insight.map.level')}
            value={chosenLevel}
            onChange={setChosenLevel}
            options={levels.map((value) => ({ value, text: t(`insight.map.levels.${value}`) }))}
          />
        </div>
        <Button variant="secondary" isSmall>
          {t('insight.map.show')}
        </Button>
      </form>
      {data.isLoading && !map && <Loading />}
      {Boolean(data.error) && <LoadError error={data.error} onRetry={data.reload} />}
      {map && table && shading && (
        <section aria-labelledby={`${id}-heading`}>
          <PanelSummary panel={map} />
          <h2 className="nhsuk-heading-m" id={`${id}-heading`}>
            {t('insight.map.tableCaption', { layer: layerLabel })}
          </h2>
          <ul className="nhsuk-list lw-insight-actions lw-no-print">
            <li>
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                aria-expanded={isTableShown}
                onClick={() => setIsTableShown((shown) => !shown)}
              >
                {isTableShown ? t('insight.map.showMap') : t('insight.map.showTable')}
              </button>
            </li>
            <li>
              <a href={insightApi.csvUrl('map', table.id, { ...filters, layer, level })} download>
                {t('insight.table.downloadCsv')}
                <span className="nhsuk-u-visually-hidden">
                  {' '}
                  {t('insight.table.downloadCsvHidden', { title: table.title })}
                </span>
              </a>
            </li>
          </ul>
          {isTableShown ? (
            <>
              <InsightDataTable table={table} />
              {map.services.length > 0 && (
                <div
                  className="lw-table-scroll"
                  tabIndex={0}
                  role="region"
                  aria-label={t('insight.map.serviceTableCaption')}
                >
                  <table className="nhsuk-table">
                    <caption className="nhsuk-table__caption nhsuk-table__caption--s">
                      {t('insight.map.serviceTableCaption')}
                    </caption>
                    <thead className="nhsuk-table__head">
                      <tr className="nhsuk-table__row">
                        <th scope="col" className="nhsuk-table__header">
                          {t('insight.map.service')}
                        </th>
                        <th scope="col" className="nhsuk-table__header">
                          {t('insight.map.taxonomy')}
                        </th>
                      </tr>
                    </thead>
                    <tbody className="nhsuk-table__body">
                      {map.services.map((service) => (
                        <tr className="nhsuk-table__row" key={service.id}>
                          <td className="nhsuk-table__cell">{service.name}</td>
                          <td className="nhsuk-table__cell">
                            {Array.isArray(service.taxonomy)
                              ? service.taxonomy.join(', ')
                              : (service.taxonomy ?? '')}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          ) : (
            <figure className="lw-insight-map">
              <div className="lw-insight-map__layout">
                <Suspense fallback={<Loading />}>
                  <Choropleth
                    map={map}
                    shading={shading}
                    label={t('insight.map.mapLabel', { layer: layerLabel })}
                    describedBy={`${id}-keyboard`}
                    valueText={(cell) => cellText(cell, map.legend.unit)}
                  />
                </Suspense>
                <MapLegend map={map} shading={shading} />
              </div>
              <figcaption className="nhsuk-body-s">
                {t('insight.map.caption', { layer: layerLabel })}{' '}
                {t('insight.map.servicesCount', { count: map.services.length })} {t('insight.map.credit')}
                <span className="lw-block" id={`${id}-keyboard`}>
                  {t('insight.map.keyboard')}
                </span>
              </figcaption>
            </figure>
          )}
          {map.notes.length > 0 && (
            <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s">
              {map.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
        </section>
      )}
    </InsightLayout>
  );
}
