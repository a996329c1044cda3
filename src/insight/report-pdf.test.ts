import { describe, expect, it } from 'vitest';
import { textRuns } from '../../test/support/pdf-text';
import { renderInsightPdf } from './report-pdf';
import type { InsightPanelResponse, InsightTable } from './schemas';

function panelWith(table: InsightTable): InsightPanelResponse {
  return {
    panel: 'map',
    title: 'Map',
    filters: { from: '2026-01-01', to: '2026-12-31', programmeId: null, borough: null, source: null },
    programmes: [],
    isSuppressed: true,
    headlines: [],
    tables: [table],
    notes: [],
    generatedAt: '2026-12-07T00:00:00.000Z',
  };
}

describe('the printed Insight report', () => {
  it('prints the first 60 rows of a long table, without its total, and points to the CSV', async () => {
    const rows = Array.from({ length: 100 }, (_, index) => ({
      key: `E0100${String(index).padStart(4, '0')}`,
      label: `Area ${index + 1}`,
      cells: { referrals: { value: 10 + index } },
    }));
    const pdf = await renderInsightPdf({
      panels: [
        panelWith({
          id: 'lsoas',
          title: 'Referrals by LSOA',
          chart: 'none',
          unit: 'count',
          columns: [{ key: 'referrals', label: 'Referrals' }],
          rows,
          total: { label: 'All areas', cells: { referrals: { value: 5950 } } },
        }),
      ],
      filters: 'All programmes',
      generatedAt: new Date('2026-12-07T00:00:00Z'),
    });
    const text = textRuns(pdf).join('\n');
    expect(text).toContain('Area 60');
    expect(text).not.toContain('Area 61');
    // The total less the printed rows would give the omitted rows' sum: not printed under a cut.
    expect(text).not.toContain('All areas');
    expect(text).toContain('40 more rows');
  });

  it('prints a short table whole, with its total', async () => {
    const pdf = await renderInsightPdf({
      panels: [
        panelWith({
          id: 'sources',
          title: 'Sources',
          chart: 'bar',
          unit: 'count',
          columns: [{ key: 'n', label: 'Referrals' }],
          rows: [{ key: 'gp', label: 'GP practice', cells: { n: { value: 12 } } }],
          total: { label: 'All sources', cells: { n: { value: 12 } } },
        }),
      ],
      filters: 'All programmes',
      generatedAt: new Date('2026-12-07T00:00:00Z'),
    });
    const text = textRuns(pdf).join('\n');
    expect(text).toContain('GP practice');
    expect(text).toContain('All sources');
    expect(text).not.toContain('more rows');
  });
});
