// How the map shades an area: the server's legend classes (low to high) get sequential blues, light
// to dark, so a higher referral or unmet-need rate is darker; for deprivation the scale is turned
// round, so decile 1 (the most deprived) is darkest. Areas without a figure (none, or suppressed)
// are pale grey. The key lists the same classes with the server's labels, so the colours never carry
// meaning on their own.
import type { InsightCell, InsightMap } from '../../api/insight';

const light = [0xde, 0xeb, 0xf7];
const dark = [0x08, 0x30, 0x6b];
export const noFigureColour = '#e8edee';

function blend(fraction: number): string {
  const channel = (index: number) =>
    Math.round(light[index]! + (dark[index]! - light[index]!) * fraction)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

export type LegendStep = { colour: string; label: string };

export type Shading = {
  colourOf: (cell: InsightCell) => string;
  steps: LegendStep[];
};

export function shadingFor(map: Pick<InsightMap, 'layer' | 'legend'>): Shading {
  const bins = map.legend.bins;
  const isReversed = map.layer === 'imd';
  const colours = bins.map((_, index) => {
    const fraction = bins.length > 1 ? index / (bins.length - 1) : 1;
    return blend(isReversed ? 1 - fraction : fraction);
  });
  return {
    steps: bins.map((bin, index) => ({ colour: colours[index]!, label: bin.label })),
    colourOf: (cell) => {
      if (cell.value === null) return noFigureColour;
      const value = cell.value;
      const index = bins.findIndex((bin) => value >= bin.from && value <= bin.to);
      if (index >= 0) return colours[index]!;
      // Outside every class (rounding at an edge): the nearest end of the scale.
      return value < (bins[0]?.from ?? 0)
        ? (colours[0] ?? noFigureColour)
        : (colours.at(-1) ?? noFigureColour);
    },
  };
}
