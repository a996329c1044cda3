// One Insight dashboard panel (/insight/:panel?filters): its headline figures as cards, each table as a
// chart with its table alternative and CSV, and the notes on method. Coordinators also edit their
// programme's reach targets (Activity) and demand assumptions (Demand) here.
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  insightApi,
  insightPanels,
  type InsightHeadline,
  type InsightPanel,
  type InsightPanelId,
} from '../../api/insight';
import { Loading } from '../../components/display';
import { NotFound } from '../../components/guards';
import { LoadError } from '../../components/load-error';
import { useApiData } from '../../hooks/use-api-data';
import { formatDateTime } from '../../i18n';
import { useSignedIn } from '../../session/session';
import { DemandAssumptions } from './demand-assumptions';
import { useInsightFilters } from './filters';
import { CellValue } from './format';
import { InsightLayout, PanelSummary } from './insight-layout';
import { InsightTableSection } from './insight-table';
import { MapPage } from './map-page';
import { ReachTargets } from './reach-targets';

export function Headlines({ headlines }: { headlines: InsightHeadline[] }) {
  const { t } = useTranslation();
  if (headlines.length === 0) return null;
  return (
    <section aria-labelledby="insight-headlines">
      <h2 className="nhsuk-u-visually-hidden" id="insight-headlines">
        {t('insight.headlines')}
      </h2>
      <ul className="nhsuk-grid-row nhsuk-card-group">
        {headlines.map((headline) => (
          <li className="nhsuk-grid-column-one-third nhsuk-card-group__item" key={headline.id}>
            <div className="nhsuk-card lw-insight-headline">
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-card__heading nhsuk-heading-s">{headline.label}</h3>
                <p className="lw-insight-headline__value">
                  <CellValue cell={headline.cell} unit={headline.unit} />
                </p>
                <p className="nhsuk-card__description nhsuk-body-s">{headline.method}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Headlines, tables and notes of a panel: shared by the dashboards and the provider's evidence page. */
export function PanelBody({ panel, csvUrl }: { panel: InsightPanel; csvUrl: (table: string) => string }) {
  const { t } = useTranslation();
  return (
    <>
      <Headlines headlines={panel.headlines} />
      {panel.tables.map((table) => (
        <InsightTableSection table={table} csvUrl={csvUrl(table.id)} key={table.id} />
      ))}
      {panel.notes.length > 0 && (
        <section aria-labelledby="insight-notes" className="lw-insight-notes">
          <h2 className="nhsuk-heading-m" id="insight-notes">
            {t('insight.notes')}
          </h2>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {panel.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </section>
      )}
      <p className="nhsuk-body-s">{t('insight.generatedAt', { when: formatDateTime(panel.generatedAt) })}</p>
    </>
  );
}

function DashboardPanel({ panelId }: { panelId: Exclude<InsightPanelId, 'map'> }) {
  const { user } = useSignedIn();
  const filters = useInsightFilters();
  const data = useApiData(
    () => insightApi.panel(panelId, filters),
    [
      panelId,
      filters.from,
      filters.to,
      filters.programmeId,
      filters.borough,
      filters.source,
      filters.withinKm,
    ],
  );
  const panel = data.data;
  // A coordinator edits their own programme's targets and assumptions (the server checks again).
  const editableProgramme = user.role === 'coordinator' ? user.programmeId : null;
  return (
    <InsightLayout current={panelId} applied={panel?.filters}>
      {data.isLoading && !panel && <Loading />}
      {Boolean(data.error) && <LoadError error={data.error} onRetry={data.reload} />}
      {panel && (
        <>
          <PanelSummary panel={panel} />
          <PanelBody panel={panel} csvUrl={(table) => insightApi.csvUrl(panelId, table, filters)} />
        </>
      )}
      {editableProgramme && panelId === 'activity' && (
        <ReachTargets programmeId={editableProgramme} onChange={data.reload} />
      )}
      {editableProgramme && panelId === 'demand' && (
        <DemandAssumptions programmeId={editableProgramme} onChange={data.reload} />
      )}
    </InsightLayout>
  );
}

export function InsightPanelPage() {
  const { panel = 'activity' } = useParams();
  if (!insightPanels.includes(panel as InsightPanelId)) return <NotFound />;
  if (panel === 'map') return <MapPage />;
  return <DashboardPanel panelId={panel as Exclude<InsightPanelId, 'map'>} key={panel} />;
}
