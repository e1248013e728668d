// A line chart (hand-written SVG): named series of (x, y) points, linear x, linear or log y, horizontal
// reference lines with labels, a legend (wrapped over as many rows as it needs). A series may be faint (an
// earlier run drawn under the current one) and may have its own legend text, or none (the legend shows a
// series once per label). Narrow API: setSeries / append / removeSeries / setReferences / clear / svg.
// Redraws at most once per animation frame, so appending many points per second stays cheap; its text
// alternative (options.describe) and its "data" table (./chart-text.js) follow those redraws.
import { FrameRender, observedWidth, createSvg, svgEl, PALETTE, linearScale, logScale, niceTicks, logTicks, extent, drawAxes,
  pathOfRuns, pixelRuns, formatNumber, markerShape } from './svg.js';
import { placeReferenceLabel } from './reference-labels.js';
import { describeChart, DataTable, seriesTable, xyAttribute } from './chart-text.js';

export class LineChart {
  /**
   * @param {HTMLElement} container
   * @param {{xLabel?: string, yLabel?: string, logY?: boolean, width?: number, height?: number,
   *          label?: string, markers?: boolean, tableCaption?: string,
   *          describe?: (drawn: {name: string, label: string, points: number[][], faint: boolean}[],
   *                      references: {y: number, label?: string, text?: string}[]) => string}} options
   *   label: the chart's name; describe: what the drawn curves show now, in words (the rest of its text
   *   alternative); tableCaption: the data table's caption (default: the label)
   */
  constructor(container, options = {}) {
    this.container = container;
    this.options = { width: 640, height: 300, logY: false, markers: false, ...options };
    this.series = new Map();   // name -> {points: [x, y][], color, dashed, dash, marker, faint, legend}
    this.references = [];      // {y, label, color} or {y, text, kind, color}
    this.frame = new FrameRender(() => this.render());
    this.table = container.parentNode ? new DataTable(container,
      { caption: this.options.tableCaption || this.options.label || this.options.yLabel || 'line chart' }) : null;
    this.observed = observedWidth(container, this.options.width, () => this.render());
    this.render();
  }

  /**
   * Replaces a series' points. legend: its text in the legend (default: the name; null: not shown);
   * faint: drawn thin and light, under the others; dash: a dash pattern (dashed: the default one);
   * marker: a marker shape (svg.js markerShape) on a few of its points and in the legend.
   */
  setSeries(name, points, { color, dashed = false, dash = null, marker = null, faint = false, legend = name } = {}) {
    const old = this.series.get(name);
    this.series.set(name, { points: points.slice(), color: color || old?.color || PALETTE[this.series.size % PALETTE.length],
      dash: dash || (dashed ? '5 4' : null), marker, faint, legend });
    this.frame.request();
  }

  /** Changes a series' legend text (null: not shown); nothing when there is no such series. */
  setLegend(name, legend) {
    const series = this.series.get(name);
    if (!series || series.legend === legend) return;
    series.legend = legend;
    this.frame.request();
  }

  removeSeries(name) {
    if (this.series.delete(name)) this.frame.request();
  }

  /** The <svg> element as drawn now (for export). */
  svg() {
    this.frame.flush();
    return this.container.querySelector('svg');
  }

  /** Appends one point to a series (creating it). */
  append(name, x, y, style = {}) {
    if (!this.series.has(name)) this.setSeries(name, [], style);
    this.series.get(name).points.push([x, y]);
    this.frame.request();
  }

  /**
   * Horizontal reference lines, e.g. [{y: 6.3, label: '3-gram'}] (labelled "3-gram 6.3"), or with the whole
   * label as `text` when it writes the value itself; `kind` goes to the line's and the label's data-kind.
   */
  setReferences(references) {
    this.references = references.filter((r) => Number.isFinite(r.y));
    this.frame.request();
  }

  clear() {
    this.series.clear();
    this.frame.request();
  }

  render() {
    const { height, logY, xLabel, yLabel, label } = this.options;
    const width = this.observed.px;
    const name = label || yLabel || 'line chart';
    const svg = createSvg(this.container, width, height, name, this.observed);
    const drawn = [...this.series].map(([key, s]) => ({ name: key, label: s.legend ?? key, faint: s.faint,
      points: logY ? s.points.filter((p) => p[1] > 0) : s.points }));
    const nonEmpty = drawn.filter((d) => d.points.length);
    describeChart(svg, name, nonEmpty.length ? this.options.describe?.(nonEmpty, this.references) : 'no data yet');
    this.table?.show(() => seriesTable(xLabel || 'x', nonEmpty));
    const legendRows = this.legendLayout(62, width - 16);
    const top = 8 + 16 * Math.max(1, legendRows.length);
    const frame = { x: 62, y: top, w: width - 62 - 16, h: height - top - 44 };  // legend above the frame
    const all = [...this.series.values()].flatMap((s) => s.points);
    const xs = extent(all.map((p) => p[0]));
    const ys = extent([...all.map((p) => p[1]), ...this.references.map((r) => r.y)], logY);
    svg.dataset.series = String(this.series.size);
    svg.dataset.points = String(all.length);
    if (!xs || !ys) {
      svg.append(svgEl('text', { x: width / 2, y: height / 2, class: 'empty', 'text-anchor': 'middle' }, 'no data yet'));
      return;
    }
    let [x0, x1] = xs;
    if (x0 === x1) { x0 -= 1; x1 += 1; }
    let [y0, y1] = ys;
    if (logY) {
      if (y0 === y1) { y0 /= 1.5; y1 *= 1.5; }
      y0 /= 1.08; y1 *= 1.08;
    } else {
      const pad = (y1 - y0) * 0.06 || Math.abs(y0) * 0.1 || 1;
      y0 -= pad; y1 += pad;
    }
    const xScale = linearScale(x0, x1, frame.x, frame.x + frame.w);
    const yScale = (logY ? logScale : linearScale)(y0, y1, frame.y + frame.h, frame.y);
    drawAxes(svg, frame, { xTicks: niceTicks(x0, x1, 6), yTicks: logY ? logTicks(y0, y1) : niceTicks(y0, y1, 5),
      xScale, yScale, xLabel, yLabel });

    const plot = svgEl('g', { class: 'plot' });
    for (const ref of this.references) {
      const y = yScale(ref.y);
      plot.append(svgEl('line', { x1: frame.x, x2: frame.x + frame.w, y1: y, y2: y, class: 'reference',
        stroke: ref.color || '#555', 'data-kind': ref.kind, 'data-y': ref.y }));
    }
    // Faint series first, so that the current ones are drawn over them.
    const ordered = [...this.series].sort(([, a], [, b]) => Number(b.faint) - Number(a.faint));
    /** Every series in pixels, for the reference labels to keep clear of. */
    const polylines = [];
    for (const [name, s] of ordered) {
      const keep = logY ? s.points.filter((p) => p[1] > 0) : s.points;
      const runs = pixelRuns(keep, xScale, yScale);
      polylines.push(...runs);
      plot.append(svgEl('path', { d: pathOfRuns(runs), class: s.faint ? 'series faint' : 'series',
        stroke: s.color,
        'stroke-dasharray': s.dash, 'data-series': name, 'data-points': keep.length, 'data-label': s.legend ?? name,
        'data-xy': xyAttribute(keep) }));
      if (s.marker && !s.faint) {
        // A few markers only: enough to tell the shapes apart without hiding the line.
        const every = Math.max(1, Math.ceil(keep.length / 12));
        keep.forEach(([x, y], j) => {
          if (j % every === 0 || j === keep.length - 1) plot.append(markerShape(s.marker, xScale(x), yScale(y), s.color));
        });
      } else if (this.options.markers || keep.length === 1) {
        for (const [x, y] of keep) {
          plot.append(svgEl('circle', { cx: xScale(x), cy: yScale(y), r: 2.5, fill: s.color }));
        }
      }
    }
    // Reference labels last, over the curves, each where it covers the fewest stretches of them.
    for (const ref of this.references) {
      const text = ref.text ?? `${ref.label} ${formatNumber(ref.y)}`;
      const at = placeReferenceLabel({ lineY: yScale(ref.y), frame, chars: text.length, polylines });
      plot.append(svgEl('text', { x: at.x, y: at.y, 'text-anchor': at.anchor, class: 'reference-label',
        'data-kind': ref.kind, 'data-y': ref.y, 'data-place': at.place }, text));
    }
    svg.append(plot);

    const legend = svgEl('g', { class: 'legend' });
    for (const [row, entries] of legendRows.entries()) {
      const y = 18 + 16 * row;
      for (const { x, label, s } of entries) {
        legend.append(svgEl('line', { x1: x, x2: x + 16, y1: y - 4, y2: y - 4, stroke: s.color,
          class: s.faint ? 'series faint' : 'series', 'stroke-dasharray': s.dash }));
        if (s.marker && !s.faint) legend.append(markerShape(s.marker, x + 8, y - 4, s.color));
        legend.append(svgEl('text', { x: x + 20, y, class: 'legend-label', 'data-legend': label }, label));
      }
    }
    svg.append(legend);
  }

  /**
   * The legend entries (one per distinct legend text, the faint series' first: they are the older runs)
   * placed in rows between x0 and x1, at an estimated
   * 6.5 px per character.
   * @returns {{x: number, label: string, s: object}[][]}
   */
  legendLayout(x0, x1) {
    const rows = [[]];
    const seen = new Set();
    let x = x0;
    const faintFirst = [...this.series.values()].sort((a, b) => Number(b.faint) - Number(a.faint));
    for (const s of faintFirst) {
      if (s.legend === null || s.legend === undefined || seen.has(s.legend)) continue;
      seen.add(s.legend);
      const width = 30 + s.legend.length * 6.5;
      if (x > x0 && x + width > x1) {
        rows.push([]);
        x = x0;
      }
      rows[rows.length - 1].push({ x, label: s.legend, s });
      x += width;
    }
    return rows[0].length ? rows : [];
  }
}
