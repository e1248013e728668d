// A line chart (hand-written SVG): named series of (x, y) points, linear x, linear or log y, horizontal
// reference lines with labels, a legend. Narrow API: setSeries / append / setReferences / clear.
// Redraws at most once per animation frame, so appending many points per second stays cheap.
import { chartWidth, redrawOnResize, createSvg, svgEl, PALETTE, linearScale, logScale, niceTicks, logTicks, extent, drawAxes, pathData,
  formatNumber } from './svg.js';

export class LineChart {
  /**
   * @param {HTMLElement} container
   * @param {{xLabel?: string, yLabel?: string, logY?: boolean, width?: number, height?: number,
   *          label?: string, markers?: boolean}} options
   */
  constructor(container, options = {}) {
    this.container = container;
    this.options = { width: 640, height: 300, logY: false, markers: false, ...options };
    this.series = new Map();   // name -> {points: [x, y][], color, dashed}
    this.references = [];      // {y, label, color}
    this.frameRequested = false;
    this.render();
    redrawOnResize(container, () => this.render());
  }

  /** Replaces a series' points. */
  setSeries(name, points, { color, dashed = false } = {}) {
    const old = this.series.get(name);
    this.series.set(name, { points: points.slice(), color: color || old?.color || PALETTE[this.series.size % PALETTE.length],
      dashed });
    this.scheduleRender();
  }

  /** Appends one point to a series (creating it). */
  append(name, x, y, style = {}) {
    if (!this.series.has(name)) this.setSeries(name, [], style);
    this.series.get(name).points.push([x, y]);
    this.scheduleRender();
  }

  /** Horizontal reference lines, e.g. [{y: 6.3, label: '3-gram'}]. */
  setReferences(references) {
    this.references = references.filter((r) => Number.isFinite(r.y));
    this.scheduleRender();
  }

  clear() {
    this.series.clear();
    this.scheduleRender();
  }

  scheduleRender() {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => { this.frameRequested = false; this.render(); });
  }

  render() {
    const { height, logY, xLabel, yLabel, label } = this.options;
    const width = chartWidth(this.container, this.options.width);
    const svg = createSvg(this.container, width, height, label || yLabel || 'line chart');
    const frame = { x: 62, y: 24, w: width - 62 - 16, h: height - 24 - 44 };  // legend above the frame
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
        stroke: ref.color || '#555' }));
    }
    for (const [name, s] of this.series) {
      const keep = logY ? s.points.filter((p) => p[1] > 0) : s.points;
      plot.append(svgEl('path', { d: pathData(keep, xScale, yScale), class: 'series', stroke: s.color,
        'stroke-dasharray': s.dashed ? '5 4' : null, 'data-series': name, 'data-points': keep.length }));
      if (this.options.markers || keep.length === 1) {
        for (const [x, y] of keep) {
          plot.append(svgEl('circle', { cx: xScale(x), cy: yScale(y), r: 2.5, fill: s.color }));
        }
      }
    }
    // Reference labels last, below their line on the left (the curves come down from the top left).
    for (const ref of this.references) {
      plot.append(svgEl('text', { x: frame.x + 6, y: yScale(ref.y) + 13, class: 'reference-label' },
        `${ref.label} ${formatNumber(ref.y)}`));
    }
    svg.append(plot);

    const legend = svgEl('g', { class: 'legend' });
    let lx = frame.x;
    for (const [name, s] of this.series) {
      legend.append(svgEl('line', { x1: lx, x2: lx + 16, y1: frame.y - 10, y2: frame.y - 10, stroke: s.color,
        class: 'series', 'stroke-dasharray': s.dashed ? '5 4' : null }));
      const text = svgEl('text', { x: lx + 20, y: frame.y - 6, class: 'legend-label' }, name);
      legend.append(text);
      lx += 28 + name.length * 7;
    }
    svg.append(legend);
  }
}
