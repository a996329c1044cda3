// One Insight table, shown generically: its title, what it measures, a chart (or none), the same
// figures as an accessible table one button away, and its CSV download. Every panel, the map's table
// alternative and the provider's evidence page render their tables through this one component.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InsightTable } from '../../api/insight';
import { CellValue } from './format';
import { InsightChart } from './insight-chart';

export function InsightDataTable({ table, describedBy }: { table: InsightTable; describedBy?: string }) {
  const { t } = useTranslation();
  if (table.rows.length === 0 && !table.total) return <p>{t('insight.table.empty')}</p>;
  return (
    <div className="lw-table-scroll" tabIndex={0} role="region" aria-label={table.title}>
      <table className="nhsuk-table lw-insight-data" aria-describedby={describedBy}>
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{table.title}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              <span className="nhsuk-u-visually-hidden">{t('insight.table.rowHeader')}</span>
            </th>
            {table.columns.map((column) => (
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric" key={column.key}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {table.rows.map((row) => (
            <tr className="nhsuk-table__row" key={row.key}>
              <th scope="row" className="nhsuk-table__header lw-insight-data__row-header">
                {row.label}
              </th>
              {table.columns.map((column) => (
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric" key={column.key}>
                  <CellValue cell={row.cells[column.key] ?? { value: null }} unit={table.unit} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {table.total && (
          <tfoot className="lw-insight-data__total">
            <tr className="nhsuk-table__row">
              <th scope="row" className="nhsuk-table__header">
                {table.total.label}
              </th>
              {table.columns.map((column) => (
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric" key={column.key}>
                  <CellValue cell={table.total!.cells[column.key] ?? { value: null }} unit={table.unit} />
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

export function InsightTableSection({
  table,
  csvUrl,
  headingLevel = 2,
}: {
  table: InsightTable;
  /** The table's CSV download (GET …/csv?table=id&filters). */
  csvUrl: string;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const id = useId();
  const hasChart = table.chart !== 'none' && table.rows.length > 0;
  const [isTableShown, setIsTableShown] = useState(false);
  const showTable = !hasChart || isTableShown;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const descriptionId = table.description ? `${id}-description` : undefined;
  return (
    <section className="lw-insight-table" aria-labelledby={`${id}-heading`}>
      <Heading className="nhsuk-heading-m" id={`${id}-heading`}>
        {table.title}
      </Heading>
      {table.description && (
        <p className="nhsuk-body-s lw-insight-table__description" id={descriptionId}>
          {table.description}
        </p>
      )}
      <ul className="nhsuk-list lw-insight-actions lw-no-print">
        {hasChart && (
          <li>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              aria-expanded={isTableShown}
              onClick={() => setIsTableShown((shown) => !shown)}
            >
              {isTableShown ? t('insight.table.showChart') : t('insight.table.showTable')}
              <span className="nhsuk-u-visually-hidden">: {table.title}</span>
            </button>
          </li>
        )}
        <li>
          <a href={csvUrl} download>
            {t('insight.table.downloadCsv')}
            <span className="nhsuk-u-visually-hidden">
              {' '}
              {t('insight.table.downloadCsvHidden', { title: table.title })}
            </span>
          </a>
        </li>
      </ul>
      {showTable ? (
        <InsightDataTable table={table} describedBy={descriptionId} />
      ) : (
        <InsightChart table={table} />
      )}
    </section>
  );
}
