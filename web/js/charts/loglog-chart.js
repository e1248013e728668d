// A log-log chart of frequency against rank (D2L's Zipf figure): one line per n-gram order and, dashed,
// the fitted power law count = exp(c) * rank^(-alpha) over the ranks it was fitted on, labelled with alpha.
// Narrow API: set(series) / clear(). A series: {name, ranks, counts, fit?: {alpha, c, ranks: [a, b]}}.
import { chartWidth, redrawOnResize, createSvg, svgEl, PALETTE, logScale, logTicks, extent, drawAxes, pathData } from './svg.js';

export class LogLogChart {
  constructor(container, options = {}) {
    this.container = container;
    this.options = { width: 640, height: 320, xLabel: 'rank', yLabel: 'frequency', ...options };
    this.series = [];
    this.render();
    redrawOnResize(container, () => this.render());
  }

  set(series) {
    this.series = series;
    this.render();
  }

  clear() { this.set([]); }

  render() {
    const { height, xLabel, yLabel } = this.options;
    const width = chartWidth(this.container, this.options.width);
    const svg = createSvg(this.container, width, height, 'Zipf plot: frequency against rank, log-log');
    svg.dataset.series = String(this.series.length);
    const xs = extent(this.series.flatMap((s) => s.ranks), true);
    const ys = extent(this.series.flatMap((s) => s.counts), true);
    if (!xs || !ys) {
      svg.append(svgEl('text', { x: width / 2, y: height / 2, class: 'empty', 'text-anchor': 'middle' }, 'no data yet'));
      return;
    }
    const frame = { x: 62, y: 12, w: width - 62 - 16, h: height - 12 - 44 };
    const [x0, x1] = [xs[0], Math.max(xs[1], xs[0] * 10)];
    const [y0, y1] = [ys[0] / 1.5, Math.max(ys[1] * 1.5, ys[0] * 10)];
    const xScale = logScale(x0, x1, frame.x, frame.x + frame.w);
    const yScale = logScale(y0, y1, frame.y + frame.h, frame.y);
    drawAxes(svg, frame, { xTicks: logTicks(x0, x1), yTicks: logTicks(y0, y1), xScale, yScale, xLabel, yLabel });

    const plot = svgEl('g', { class: 'plot' });
    const legend = svgEl('g', { class: 'legend' });
    this.series.forEach((s, i) => {
      const color = PALETTE[i % PALETTE.length];
      const points = s.ranks.map((r, j) => [r, s.counts[j]]);
      plot.append(svgEl('path', { d: pathData(points, xScale, yScale), class: 'series', stroke: color,
        'data-series': s.name, 'data-points': points.length }));
      const fit = s.fit;
      const hasFit = fit && Number.isFinite(fit.alpha) && Number.isFinite(fit.c);
      if (hasFit) {
        const [a, b] = fit.ranks;
        const line = [a, b].map((r) => [r, Math.exp(fit.c) * r ** -fit.alpha]);
        plot.append(svgEl('path', { d: pathData(line, xScale, yScale), class: 'fit', stroke: color,
          'data-fit': s.name }));
      }
      // The legend sits bottom left, where falling rank-frequency curves never go.
      const ly = frame.y + frame.h - 10 - (this.series.length - 1 - i) * 18;
      const lx = frame.x + 10;
      legend.append(svgEl('line', { x1: lx, x2: lx + 18, y1: ly - 4, y2: ly - 4, class: 'series', stroke: color }));
      legend.append(svgEl('text', { x: lx + 24, y: ly, class: 'legend-label alpha-label', 'data-series': s.name },
        hasFit ? `${s.name}  α = ${fit.alpha.toFixed(2)}` : `${s.name}  (no fit)`));
    });
    svg.append(plot, legend);
  }
}
