// The lab's XY chart (hand-written SVG, on the page's shared helpers in ../charts/svg.js): lines with a
// dash pattern and a marker shape each (so that series stay apart in greyscale), filled bands between two
// curves (a spread, or one layer of a stacked area), horizontal reference lines, point markers, linear or
// log y. Why SVG and not a library: see README.md in this folder.
// Narrow API: draw(spec) replaces everything; the drawn elements carry data-* attributes for tests (each
// curve its points in data-xy). spec.summary is the sentence of what the chart shows now (its text
// alternative, ../charts/chart-text.js); the "data" table under the chart holds the drawn points.
import { observedWidth, createSvg, svgEl, linearScale, logScale, niceTicks, logTicks, extent, drawAxes,
  pathData, formatNumber, markerShape } from '../charts/svg.js';
import { describeChart, DataTable, seriesTable, xyAttribute } from '../charts/chart-text.js';

/** Series styles of the lab: Okabe-Ito colours, each with its own dash and marker (greyscale-safe). */
export const STYLES = {
  rnn: { color: '#d55e00', dash: null, marker: 'circle' },
  gru: { color: '#0072b2', dash: '6 3', marker: 'square' },
  lstm: { color: '#009e73', dash: '2 3', marker: 'triangle' },
  full: { color: '#0072b2', dash: null, marker: 'circle' },
  fixed: { color: '#d55e00', dash: '6 3', marker: 'square' },
  random: { color: '#009e73', dash: '2 3', marker: 'triangle' },
  measured: { color: '#0072b2', dash: null, marker: 'circle' },
  prediction: { color: '#222222', dash: '6 4', marker: null },
};

/**
 * A closed path: along `hi` left to right, back along `lo`. Non-finite points cut it. On a log axis a `lo` of 0
 * (or below) is drawn at the bottom of the axis (`floor`): the band reaches down past what the axis can show.
 */
function bandPath(lo, hi, xScale, yScale, logY, floor) {
  const ok = (p) => Number.isFinite(p[1]) && (!logY || p[1] > 0);
  let d = '';
  let run = [];
  const flush = () => {
    if (run.length > 1) {
      const top = run.map(([x, , h]) => `${xScale(x).toFixed(1)} ${yScale(h).toFixed(1)}`);
      const bottom = run.slice().reverse().map(([x, l]) => `${xScale(x).toFixed(1)} ${yScale(l).toFixed(1)}`);
      d += `M${top.join('L')}L${bottom.join('L')}Z`;
    }
    run = [];
  };
  for (let i = 0; i < Math.min(lo.length, hi.length); i++) {
    const low = logY && Number.isFinite(lo[i][1]) && lo[i][1] <= 0 ? [lo[i][0], floor] : lo[i];
    if (ok(low) && ok(hi[i])) run.push([low[0], low[1], hi[i][1]]);
    else flush();
  }
  flush();
  return d;
}

/**
 * Log ticks that fit the frame's height: when the decades are too many to label each (a gradient that falls
 * 20 decades), every k-th power of ten only, so labels never overlap.
 */
function fewerDecades(ticks, height) {
  const fit = Math.max(2, Math.floor(height / 16));
  if (ticks.length <= fit) return ticks;
  const k = Math.ceil(ticks.length / fit);
  const kept = ticks.filter((t) => Math.round(Math.log10(t)) % k === 0);
  return kept.length >= 2 ? kept : ticks;
}

export class LabChart {
  /**
   * @param {HTMLElement} container
   * @param {{xLabel?: string, yLabel?: string, logY?: boolean, label: string, width?: number, height?: number,
   *          yMin?: number, xFormat?: (v: number) => string, tableCaption?: string}} options
   *   label: the chart's name (its text alternative starts with it); tableCaption: the data table's caption
   *   (default: the label)
   */
  constructor(container, options) {
    this.container = container;
    this.options = { width: 420, height: 230, logY: false, ...options };
    this.spec = { lines: [], bands: [], references: [], verticals: [] };
    this.table = null;   // the "data" table, made at the first draw (when the box has its place on the page)
    this.observed = observedWidth(container, this.options.width, () => this.render());
    this.render();
  }

  /**
   * @param {{lines?: {name: string, label?: string, points: number[][], style?: object}[],
   *          bands?: {name: string, lo: number[][], hi: number[][], color: string, opacity?: number}[],
   *          references?: {y: number, label: string}[], verticals?: {x: number, label: string, name: string}[],
   *          summary?: string, table?: (drawn: {label: string, points: number[][]}[]) => [string[], any[][]]}} spec
   *   verticals: lines across the frame at x (a position to mark, e.g. the key's step), data-vertical = name;
   *   summary: what the chart shows now, in words; table: the data table's headers and rows from the drawn
   *   curves (default: one row per x, one column per curve)
   */
  draw(spec) {
    this.spec = { lines: [], bands: [], references: [], verticals: [], ...spec };
    if (!this.table && this.container.parentNode) {
      this.table = new DataTable(this.container, { caption: this.options.tableCaption || this.options.label });
    }
    this.render();
  }

  render() {
    const { height, logY, xLabel, yLabel, label } = this.options;
    const width = this.observed.px;
    const svg = createSvg(this.container, width, height, label, this.observed);
    const { lines, bands, references, verticals } = this.spec;
    const visible = (p) => Number.isFinite(p[0]) && Number.isFinite(p[1]) && (!logY || p[1] > 0);
    const linePoints = lines.map((l) => l.points.filter(visible));
    const bandPoints = bands.flatMap((b) => [...b.lo, ...b.hi]).filter(visible);
    const all = [...linePoints.flat(), ...bandPoints];
    const xs = extent([...all.map((p) => p[0]), ...(all.length ? verticals.map((v) => v.x) : [])]);
    const ys = extent([...all.map((p) => p[1]), ...references.map((r) => r.y), ...(this.options.yMin !== undefined
      ? [this.options.yMin] : [])], logY);
    svg.dataset.lines = String(lines.filter((l, i) => linePoints[i].length > 0).length);
    const drawn = lines.map((l, i) => ({ name: l.name, label: l.label || l.name, points: linePoints[i] }));
    const table = this.spec.table;
    this.table?.show(() => (table ? table(drawn) : seriesTable(xLabel || 'x', drawn)));
    if (!xs || !ys) {
      describeChart(svg, label, 'no data yet');
      svg.append(svgEl('text', { x: width / 2, y: height / 2, class: 'empty', 'text-anchor': 'middle' }, 'no data yet'));
      return;
    }
    // The legend sits above the frame, wrapped onto as many rows as it needs.
    const legendRows = this.layoutLegend(lines, width);
    const top = 10 + legendRows.rows * 16;
    const frame = { x: 58, y: top, w: width - 58 - 14, h: height - top - 42 };
    let [x0, x1] = xs;
    if (x0 === x1) { x0 -= 1; x1 += 1; }
    let [y0, y1] = ys;
    if (logY) {
      if (y1 / y0 < 10) { const mid = Math.sqrt(y0 * y1); y0 = Math.min(y0, mid / 3.2); y1 = Math.max(y1, mid * 3.2); }
      y0 /= 1.15; y1 *= 1.15;
    } else {
      const pad = (y1 - y0) * 0.06 || Math.abs(y0) * 0.1 || 1;
      y1 += pad;
      if (y0 !== 0) y0 -= pad;
    }
    describeChart(svg, label, this.spec.summary);
    const xScale = linearScale(x0, x1, frame.x, frame.x + frame.w);
    const yScale = (logY ? logScale : linearScale)(y0, y1, frame.y + frame.h, frame.y);
    drawAxes(svg, frame, { xTicks: niceTicks(x0, x1, Math.max(3, Math.floor(frame.w / 70))),
      yTicks: logY ? fewerDecades(logTicks(y0, y1), frame.h) : niceTicks(y0, y1, 5), xScale, yScale, xLabel, yLabel,
      xFormat: this.options.xFormat || formatNumber });

    const plot = svgEl('g', { class: 'plot' });
    for (const band of bands) {
      // outlined: a dark edge, for a fill too light to stand out from the white background by itself
      plot.append(svgEl('path', { d: bandPath(band.lo, band.hi, xScale, yScale, logY, y0),
        class: band.outlined ? 'band outlined' : 'band', fill: band.color,
        'fill-opacity': band.opacity ?? 0.22, 'data-band': band.name }));
    }
    for (const ref of references) {
      if (!Number.isFinite(ref.y) || (logY && ref.y <= 0)) continue;
      const y = yScale(ref.y);
      plot.append(svgEl('line', { x1: frame.x, x2: frame.x + frame.w, y1: y, y2: y, class: 'reference', stroke: '#333',
        'data-reference': ref.label }));
      plot.append(svgEl('text', { x: frame.x + frame.w - 4, y: y - 4, class: 'reference-label', 'text-anchor': 'end' },
        ref.label));
    }
    for (const mark of verticals) {
      if (!Number.isFinite(mark.x)) continue;
      const x = xScale(mark.x);
      plot.append(svgEl('line', { x1: x, x2: x, y1: frame.y, y2: frame.y + frame.h, class: 'vertical', stroke: '#333',
        'data-vertical': mark.name, 'data-x': mark.x }));
      // The label on the side with room: right of the line in the left half, left of it in the right half.
      const right = x < frame.x + frame.w / 2;
      plot.append(svgEl('text', { x: right ? x + 4 : x - 4, y: frame.y + 12, class: 'reference-label',
        'text-anchor': right ? 'start' : 'end' }, mark.label));
    }
    lines.forEach((line, i) => {
      const style = { color: '#333', dash: null, marker: null, ...line.style };
      const keep = linePoints[i];
      const path = svgEl('path', { d: pathData(keep, xScale, yScale), class: 'series', stroke: style.color,
        'stroke-dasharray': style.dash, 'data-series': line.name, 'data-points': keep.length,
        'data-label': line.label || line.name, 'data-xy': xyAttribute(keep) });
      path.append(svgEl('title', {}, line.label || line.name));
      plot.append(path);
      if (style.marker) {
        // Markers on a few points only: enough to tell the shapes apart without hiding the line.
        const every = Math.max(1, Math.ceil(keep.length / 12));
        keep.forEach(([x, y], j) => {
          if (j % every === 0 || j === keep.length - 1) plot.append(markerShape(style.marker, xScale(x), yScale(y), style.color));
        });
      }
      for (const [x, y] of line.highlight || []) {
        if (visible([x, y])) plot.append(svgEl('circle', { cx: xScale(x), cy: yScale(y), r: 3.2, class: 'highlight-point',
          'data-highlight': line.name }));
      }
    });
    svg.append(plot);
    this.drawLegend(svg, lines, legendRows.positions);
  }

  layoutLegend(lines, width) {
    const positions = [];
    let x = 58;
    let row = 0;
    for (const line of lines) {
      const w = 34 + (line.label || line.name).length * 6.6;
      if (x + w > width - 8 && x > 58) { row += 1; x = 58; }
      positions.push({ x, y: 12 + row * 16 });
      x += w;
    }
    return { rows: lines.length ? row + 1 : 0, positions };
  }

  drawLegend(svg, lines, positions) {
    const legend = svgEl('g', { class: 'legend' });
    lines.forEach((line, i) => {
      const style = { color: '#333', ...line.style };
      const { x, y } = positions[i];
      if (style.swatch) {
        legend.append(svgEl('rect', { x, y: y - 10, width: 22, height: 11, fill: style.color, stroke: '#333',
          'stroke-width': 0.6 }));
      } else {
        legend.append(svgEl('line', { x1: x, x2: x + 22, y1: y - 4, y2: y - 4, stroke: style.color, class: 'series',
          'stroke-dasharray': style.dash }));
      }
      if (style.marker) legend.append(markerShape(style.marker, x + 11, y - 4, style.color));
      legend.append(svgEl('text', { x: x + 27, y, class: 'legend-label' }, line.label || line.name));
    });
    svg.append(legend);
  }
}
