// One Insight table drawn as a chart (recharts): bars (horizontal, so long labels read on a phone;
// upright columns when the rows are months or days), stacked bars, a line over time, or a funnel as
// horizontal bars in stage order. The drawing is hidden
// from assistive technology: the table beside it (one button away) holds the same figures, with the
// suppressed ones marked, which a chart cannot show (a suppressed bar is simply absent).
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { InsightTable } from '../../api/insight';
import { useFormatValue } from './format';

/** NHS palette colours, in an order where neighbours differ in lightness as well as hue. */
export const seriesColours = [
  '#005eb8',
  '#ffb81c',
  '#007f3b',
  '#7c2855',
  '#41b6e6',
  '#330072',
  '#ed8b00',
  '#425563',
];

const axisTick = { fill: '#212b32', fontSize: 13 };

/** The columns a chart draws: a 'total' column beside its parts would double a stacked bar. */
function chartColumns(table: InsightTable) {
  const parts = table.columns.filter((column) => column.key !== 'total');
  return parts.length > 0 ? parts : table.columns;
}

function shortLabel(label: string): string {
  return label.length > 24 ? `${label.slice(0, 23)}…` : label;
}

export function InsightChart({ table }: { table: InsightTable }) {
  const { t } = useTranslation();
  const format = useFormatValue();
  const columns = table.chart === 'funnel' ? chartColumns(table).slice(0, 1) : chartColumns(table);
  const data = table.rows.map((row) => ({
    label: row.label,
    ...Object.fromEntries(columns.map((column) => [column.key, row.cells[column.key]?.value ?? null])),
  }));
  const tooltip = (
    <Tooltip
      formatter={(value) => (typeof value === 'number' ? format(value, table.unit) : String(value ?? ''))}
      contentStyle={{ color: '#212b32' }}
    />
  );
  const showLegend = columns.length > 1;
  const valueTick = (value: number) => format(value, table.unit === 'rate_per_1000' ? 'index' : table.unit);

  if (table.chart === 'line') {
    return (
      <div
        className="lw-insight-chart"
        role="img"
        aria-label={t('insight.table.chartLabel', { title: table.title })}
      >
        <div aria-hidden="true">
          <ResponsiveContainer width="100%" height={280} initialDimension={{ width: 480, height: 280 }}>
            <LineChart
              data={data}
              margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid stroke="#d8dde0" strokeDasharray="3 3" />
              <XAxis dataKey="label" stroke="#4c6272" tick={axisTick} tickFormatter={shortLabel} />
              <YAxis stroke="#4c6272" tick={axisTick} width={56} tickFormatter={valueTick} />
              {tooltip}
              {showLegend && <Legend wrapperStyle={{ color: '#212b32' }} />}
              {columns.map((column, index) => (
                <Line
                  key={column.key}
                  type="linear"
                  dataKey={column.key}
                  name={column.label}
                  stroke={seriesColours[index % seriesColours.length]}
                  strokeWidth={3}
                  strokeDasharray={index % 2 === 1 ? '8 4' : undefined}
                  dot={{ r: 4 }}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </div>
    );
  }

  const isStacked = table.chart === 'stacked-bar';
  // Months or days read left to right: upright columns over a time axis, not bars down the page.
  const isOverTime = data.length > 1 && table.rows.every((row) => /^\d{4}-\d{2}(-\d{2})?$/.test(row.key));
  if (isOverTime) {
    return (
      <div
        className="lw-insight-chart"
        role="img"
        aria-label={t('insight.table.chartLabel', { title: table.title })}
      >
        <div aria-hidden="true">
          <ResponsiveContainer width="100%" height={300} initialDimension={{ width: 480, height: 300 }}>
            <BarChart
              data={data}
              margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid stroke="#d8dde0" strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" stroke="#4c6272" tick={axisTick} tickFormatter={shortLabel} />
              <YAxis stroke="#4c6272" tick={axisTick} width={56} tickFormatter={valueTick} />
              {tooltip}
              {showLegend && <Legend wrapperStyle={{ color: '#212b32' }} />}
              {columns.map((column, index) => (
                <Bar
                  key={column.key}
                  dataKey={column.key}
                  name={column.label}
                  fill={seriesColours[index % seriesColours.length]}
                  stackId={isStacked ? 'stack' : undefined}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
    );
  }
  const barSize = isStacked || columns.length === 1 ? 22 : 14;
  const rowHeight = isStacked || columns.length === 1 ? 34 : columns.length * 16 + 14;
  const height = Math.min(900, 72 + data.length * rowHeight + (showLegend ? 32 : 0));
  return (
    <div
      className="lw-insight-chart"
      role="img"
      aria-label={t('insight.table.chartLabel', { title: table.title })}
    >
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 480, height }}>
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid stroke="#d8dde0" strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" stroke="#4c6272" tick={axisTick} tickFormatter={valueTick} />
            <YAxis
              type="category"
              dataKey="label"
              stroke="#4c6272"
              tick={axisTick}
              width={128}
              tickFormatter={shortLabel}
              interval={0}
            />
            {tooltip}
            {showLegend && <Legend wrapperStyle={{ color: '#212b32' }} />}
            {columns.map((column, index) => (
              <Bar
                key={column.key}
                dataKey={column.key}
                name={column.label}
                fill={seriesColours[index % seriesColours.length]}
                stackId={isStacked ? 'stack' : undefined}
                barSize={barSize}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
