/** A small SVG line chart, written by hand: panels side by side, each with its own axes. */

export interface Series {
  name: string;
  color: string;
  points: [number, number][];
  dashed?: boolean;
}

export interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Logarithmic x axis (tasks per user, connections). */
  logX?: boolean;
  xTicks: number[];
  series: Series[];
}

const WIDTH = 340;
const HEIGHT = 260;
const MARGIN = { top: 34, right: 16, bottom: 46, left: 56 };

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const fmt = (value: number) =>
  value >= 1000
    ? `${Number((value / 1000).toPrecision(3))}k`
    : String(Number(value.toPrecision(3)));

/** Round numbers for the y axis, from 0 to at least `max`. */
function yTicks(max: number): number[] {
  const raw = (max || 1) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  return Array.from({ length: Math.ceil((max || 1) / step) + 1 }, (_, i) => i * step);
}

function panel(spec: Panel, offsetX: number): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const tx = (x: number) => (spec.logX ? Math.log10(x) : x);
  const [xMin, xMax] = [tx(Math.min(...spec.xTicks)), tx(Math.max(...spec.xTicks))];
  const ticks = yTicks(Math.max(...spec.series.flatMap((s) => s.points.map(([, y]) => y))));
  const yMax = ticks.at(-1) ?? 1;
  const px = (x: number) => MARGIN.left + ((tx(x) - xMin) / (xMax - xMin || 1)) * plotW;
  const py = (y: number) => MARGIN.top + plotH - (y / yMax) * plotH;
  const parts: string[] = [`<g transform="translate(${offsetX},0)">`];
  parts.push(
    `<text x="${WIDTH / 2}" y="18" text-anchor="middle" font-weight="bold">${escapeXml(spec.title)}</text>`,
  );
  for (const y of ticks) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${py(y)}" y2="${py(y)}" stroke="#e5e7eb"/>`,
      `<text x="${MARGIN.left - 6}" y="${py(y) + 4}" text-anchor="end">${fmt(y)}</text>`,
    );
  }
  for (const x of spec.xTicks) {
    parts.push(
      `<line x1="${px(x)}" x2="${px(x)}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH + 4}" stroke="#6b7280"/>`,
      `<text x="${px(x)}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${fmt(x)}</text>`,
    );
  }
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#6b7280"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`,
    `<text transform="translate(14,${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`,
  );
  spec.series.forEach((series, index) => {
    const path = series.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`);
    parts.push(
      `<polyline points="${path.join(" ")}" fill="none" stroke="${series.color}" stroke-width="2"${series.dashed ? ' stroke-dasharray="5 3"' : ""}/>`,
    );
    if (series.points.length <= 12) {
      for (const [x, y] of series.points) {
        parts.push(`<circle cx="${px(x)}" cy="${py(y)}" r="3" fill="${series.color}"/>`);
      }
    }
    const ly = MARGIN.top + 12 + index * 14;
    parts.push(
      `<line x1="${MARGIN.left + 8}" x2="${MARGIN.left + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${series.color}" stroke-width="2"${series.dashed ? ' stroke-dasharray="5 3"' : ""}/>`,
      `<text x="${MARGIN.left + 28}" y="${ly}">${escapeXml(series.name)}</text>`,
    );
  });
  parts.push("</g>");
  return parts.join("\n");
}

export function chart(title: string, panels: Panel[]): string {
  const width = WIDTH * panels.length;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT + 24}" viewBox="0 0 ${width} ${HEIGHT + 24}" font-family="system-ui, sans-serif" font-size="11" fill="#111827">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="${HEIGHT + 16}" text-anchor="middle" fill="#6b7280">${escapeXml(title)}</text>`,
    ...panels.map((spec, index) => panel(spec, index * WIDTH)),
    "</svg>",
    "",
  ].join("\n");
}
