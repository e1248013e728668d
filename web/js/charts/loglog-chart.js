// A log-log chart of frequency against rank (D2L's Zipf figure): one line per n-gram order and, dashed,
// the fitted power law count = exp(c) * rank^(-alpha) over the ranks it was fitted on, labelled with alpha.
// Narrow API: set(series) / clear(). A series: {name, ranks, counts, fit?: {alpha, c, ranks: [a, b]}}.
// Each order has its own dash and marker; the text alternative names each order's alpha, and the "data"
// table (./chart-text.js) holds the drawn counts, one row per rank.
import { FrameRender, observedWidth, createSvg, svgEl, PALETTE, SERIES_LOOKS, logScale, logTicks, extent, drawAxes, pathData,
  markerShape } from './svg.js';
import { describeChart, DataTable, seriesTable, xyAttribute, formatX } from './chart-text.js';

const NAME = 'Zipf plot: frequency against rank, log-log';

/** "unigrams α = 1.02 (count 2,261 at rank 1)"… for the text alternative. */
function zipfSummary(series) {
  return series.map((s) => {
    const fit = Number.isFinite(s.fit?.alpha) ? `α = ${s.fit.alpha.toFixed(2)}` : 'no fit';
    return `${s.name} ${fit} (count ${formatX(s.counts[0])} at rank ${formatX(s.ranks[0])}, ${s.ranks.length} ranks drawn)`;
  }).join('; ');
}

export class LogLogChart {
  constructor(container, options = {}) {
    this.container = container;
    this.options = { width: 640, height: 320, xLabel: 'rank', yLabel: 'frequency', ...options };
    this.series = [];
    this.table = container.parentNode ? new DataTable(container, { caption: 'count of each rank per n-gram order (the drawn points)' }) : null;
    this.observed = observedWidth(container, this.options.width, () => this.render());
    this.frame = new FrameRender(() => this.render());
    this.render();
  }

  set(series) {
    this.series = series;
    this.frame.request();
  }

  clear() { this.set([]); }

  render() {
    const { height, xLabel, yLabel } = this.options;
    const width = this.observed.px;
    const svg = createSvg(this.container, width, height, NAME, this.observed);
    svg.dataset.series = String(this.series.length);
    const drawn = this.series.map((s) => ({ label: s.name,
      points: s.ranks.map((r, j) => [r, s.counts[j]]).filter(([r, c]) => r > 0 && c > 0) }));
    describeChart(svg, NAME, this.series.length ? zipfSummary(this.series) : 'no data yet');
    this.table?.show(() => seriesTable('rank', drawn, formatX));
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
      const look = SERIES_LOOKS[i % SERIES_LOOKS.length];
      const points = drawn[i].points;
      plot.append(svgEl('path', { d: pathData(points, xScale, yScale), class: 'series', stroke: color,
        'stroke-dasharray': look.dash, 'data-series': s.name, 'data-label': s.name, 'data-points': points.length, 'data-xy': xyAttribute(points) }));
      // Markers at ranks spread evenly on the log axis (about 8 per curve).
      let next = 1;
      points.forEach(([r, c], j) => {
        if (r >= next || j === points.length - 1) {
          plot.append(markerShape(look.marker, xScale(r), yScale(c), color));
          next = r * (points.at(-1)[0] / points[0][0]) ** (1 / 8);
        }
      });
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
      legend.append(svgEl('line', { x1: lx, x2: lx + 18, y1: ly - 4, y2: ly - 4, class: 'series', stroke: color,
        'stroke-dasharray': look.dash }), markerShape(look.marker, lx + 9, ly - 4, color));
      legend.append(svgEl('text', { x: lx + 24, y: ly, class: 'legend-label alpha-label', 'data-series': s.name },
        hasFit ? `${s.name}  α = ${fit.alpha.toFixed(2)}` : `${s.name}  (no fit)`));
    });
    // The fitted lines' own legend entry, above the orders' (they are drawn in each order's colour).
    if (this.series.some((s) => Number.isFinite(s.fit?.alpha))) {
      const ly = frame.y + frame.h - 10 - this.series.length * 18;
      const lx = frame.x + 10;
      legend.append(svgEl('line', { x1: lx, x2: lx + 18, y1: ly - 4, y2: ly - 4, class: 'fit', stroke: '#333' }),
        svgEl('text', { x: lx + 24, y: ly, class: 'legend-label' }, 'fitted power law, rank^(−α)'));
    }
    svg.append(plot, legend);
  }
}
