// How an Insight figure reads: formatted by its table's unit (a share 0.42 is "42%", a rate "12.3 per
// 1,000"), a suppressed figure as "<5" (or "suppressed" when it is hidden so that a small number
// cannot be worked out by subtraction) with the reason for screen readers, and a missing figure as
// "–". One function for the table, the chart's tooltip, the map and the headline cards.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { InsightCell, InsightUnit } from '../../api/insight';
import { formatNumber, formatPercent, localeFor } from '../../i18n';

const smallNumberReason = /fewer than|small number|<\s*5/i;

export function isSmallNumber(cell: InsightCell): boolean {
  return cell.suppressed === true && smallNumberReason.test(cell.reason);
}

function oneDecimal(value: number, language: string): string {
  return new Intl.NumberFormat(localeFor(language), { maximumFractionDigits: 1 }).format(value);
}

export function useFormatValue() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (value: number, unit: InsightUnit): string => {
      switch (unit) {
        case 'share':
          return formatPercent(value);
        case 'rate_per_1000':
          return t('insight.cell.perThousand', { value: oneDecimal(value, i18n.language) });
        case 'days':
          return t(value === 1 ? 'insight.cell.day' : 'insight.cell.days', {
            value: oneDecimal(value, i18n.language),
          });
        case 'index':
          return new Intl.NumberFormat(localeFor(i18n.language), { maximumFractionDigits: 2 }).format(value);
        case 'count':
        case 'people':
          return formatNumber(value);
      }
    },
    [t, i18n.language],
  );
}

/** A cell as plain text (CSV-like): the chart tooltip and the map's labels. */
export function useCellText() {
  const { t } = useTranslation();
  const format = useFormatValue();
  return useCallback(
    (cell: InsightCell, unit: InsightUnit): string => {
      if (cell.value !== null) return format(cell.value, unit);
      if (cell.suppressed)
        return isSmallNumber(cell) ? t('insight.cell.fewerThan') : t('insight.cell.suppressed');
      return t('insight.cell.none');
    },
    [t, format],
  );
}

export function CellValue({ cell, unit }: { cell: InsightCell; unit: InsightUnit }) {
  const { t } = useTranslation();
  const format = useFormatValue();
  if (cell.value !== null) return <>{format(cell.value, unit)}</>;
  if (cell.suppressed) {
    const isSmall = isSmallNumber(cell);
    return (
      <span className="lw-insight-suppressed" title={cell.reason}>
        <span aria-hidden="true">{isSmall ? t('insight.cell.fewerThan') : t('insight.cell.suppressed')}</span>
        <span className="nhsuk-u-visually-hidden">
          {isSmall
            ? t('insight.cell.fewerThanHidden')
            : t('insight.cell.suppressedHidden', { reason: cell.reason })}
        </span>
      </span>
    );
  }
  return (
    <span className="lw-insight-missing" title={cell.reason}>
      <span aria-hidden="true">{t('insight.cell.none')}</span>
      <span className="nhsuk-u-visually-hidden">{cell.reason ?? t('insight.cell.noneHidden')}</span>
    </span>
  );
}
