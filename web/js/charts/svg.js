// Small helpers the hand-written SVG charts share: element creation, scales and tick choice.
// Colours are presentation attributes or CSS classes (the page's CSP forbids inline style attributes).

import { describeChart } from './chart-text.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes and optional text. */
export function svgEl(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) node.setAttribute(key, String(value));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The attributes of an <svg> drawn in CSS pixels: shown at exactly its viewBox's size (web/css/style.css only
 * shrinks it when its container is narrower). At any other scale every text of the chart gets a font size of
 * its own (11 px x 0.99977), and Chromium looks each new size up through the browser process, synchronously,
 * in the layout: with a few charts on screen that froze the page for 300-500 ms at the first trained step.
 */
export function exactSize(width, height) {
  return { viewBox: `0 0 ${width} ${height}`, width, height };
}

/**
 * A fresh <svg> of `width` x `height` CSS pixels (see exactSize), named `label` until its chart says what it
 * shows (describeChart, the one place that writes a chart's text alternative). `observed`: the chart's
 * observedWidth, which keeps the chart out of the layout until its width is known (keepOutUntilMeasured).
 */
export function createSvg(container, width, height, label, observed) {
  const svg = svgEl('svg', { ...exactSize(width, height), class: 'chart' });
  describeChart(svg, label);
  keepOutUntilMeasured(svg, observed);
  container.replaceChildren(svg);
  return svg;
}

/**
 * A chart drawn before its container's width was reported is drawn at a guessed width: laid out like that, CSS
 * would scale it to fit and each of its text sizes would be looked up anew (see exactSize). Until the report
 * it is not displayed (web/css/charts.css `.chart.unmeasured`); the report redraws it.
 */
export function keepOutUntilMeasured(svg, observed) {
  if (observed && !observed.measured) svg.classList.add('unmeasured');
}

/**
 * The width a chart draws at, as a ResizeObserver reports its container's, so that a chart never forces a
 * layout to measure itself: reading clientWidth or getBoundingClientRect after the page changed does, and a
 * panel that built its charts one after the other, each measuring, laid the page out once per chart in one
 * task (a fifth to a third of the start-up's long tasks in a Chromium trace of 2026-12-07). The observer's
 * first report comes after the next layout and before that frame is painted. Calls `render` when the width
 * to draw at changes. Returns {px, measured}:
 * - px: whole pixels, at least 200: the reported width, or `fallback` before the first report, while the
 *   container is hidden (width 0), and where there is no ResizeObserver (Node);
 * - measured: whether px is the container's own (or there is nothing to wait for).
 */
export function observedWidth(container, fallback, render) {
  const guess = Math.max(200, Math.floor(fallback));
  const observed = { px: guess, measured: typeof ResizeObserver !== 'function' };
  if (!observed.measured) {
    new ResizeObserver((entries) => {
      const px = Math.max(200, Math.floor(entries.at(-1).contentRect.width) || guess);
      if (observed.measured && px === observed.px) return;
      observed.px = px;
      observed.measured = true;
      render();
    }).observe(container);
  }
  return observed;
}

/**
 * The series palette: Okabe-Ito's hues (colour-blind friendly), the light ones darkened until each has at least
 * 3:1 contrast against white and against the page's background #f7f8fa (WCAG 1.4.11; checked in
 * tests/js/chart-palette.test.mjs): orange #e69f00 -> #a66f00, sky blue #56b4e9 -> #2f7fb5, reddish purple
 * #cc79a7 -> #b05a8a.
 */
export const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#b05a8a', '#a66f00', '#2f7fb5', '#000000'];

/** Dash pattern and marker shape of the i-th series of a chart, so that series differ by more than colour. */
export const SERIES_LOOKS = [
  { dash: null, marker: 'circle' }, { dash: '6 3', marker: 'square' }, { dash: '2 3', marker: 'triangle' },
  { dash: '10 3 2 3', marker: 'diamond' }, { dash: '4 2', marker: 'cross' },
];

/** A marker of shape `kind` (circle, square, diamond, cross, triangle) centred on (x, y). */
export function markerShape(kind, x, y, color, size = 3) {
  if (kind === 'square') {
    return svgEl('rect', { x: x - size, y: y - size, width: 2 * size, height: 2 * size, fill: '#fff', stroke: color,
      class: 'marker' });
  }
  if (kind === 'diamond') {
    const s = size * 1.35;
    return svgEl('path', { d: `M${x.toFixed(1)} ${(y - s).toFixed(1)}l${s} ${s}l${-s} ${s}l${-s} ${-s}z`, fill: '#fff',
      stroke: color, class: 'marker' });
  }
  if (kind === 'cross') {
    const s = size * 1.1;
    return svgEl('path', { d: `M${(x - s).toFixed(1)} ${(y - s).toFixed(1)}l${2 * s} ${2 * s}m0 ${-2 * s}l${-2 * s} ${2 * s}`,
      fill: 'none', stroke: color, 'stroke-width': 1.8, class: 'marker' });
  }
  if (kind === 'triangle') {
    const s = size * 1.25;
    return svgEl('path', { d: `M${x.toFixed(1)} ${(y - s).toFixed(1)}l${s} ${1.8 * s}h${-2 * s}z`, fill: color,
      class: 'marker' });
  }
  return svgEl('circle', { cx: x, cy: y, r: size, fill: color, class: 'marker' });
}


/**
 * A chart's drawing at the next animation frame, once however often it is asked for before then: data that
 * arrives in bursts (a training report, the corpus's statistics) is drawn once per frame, and outside the
 * task that received it (the Zipf chart drawn inside the statistics' message made that task 100 ms long).
 */
export class FrameRender {
  constructor(render) {
    this.render = render;
    this.pending = false;
  }

  request() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => this.flush());
  }

  /** Draws now if a drawing is pending (an export needs the chart as its data stands). */
  flush() {
    if (!this.pending) return;
    this.pending = false;
    this.render();
  }
}

/** Linear scale [d0, d1] -> [r0, r1]. */
export function linearScale(d0, d1, r0, r1) {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** Log10 scale [d0, d1] -> [r0, r1] (inputs must be > 0). */
export function logScale(d0, d1, r0, r1) {
  const l0 = Math.log10(d0);
  const span = Math.log10(d1) - l0 || 1;
  return (v) => r0 + ((Math.log10(v) - l0) / span) * (r1 - r0);
}

/** About `count` round ticks over [lo, hi]. */
export function niceTicks(lo, hi, count = 5) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) || raw;
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Log ticks over [lo, hi]: powers of ten, plus 2 and 5 multiples when the range is short. */
export function logTicks(lo, hi) {
  const ticks = [];
  const e0 = Math.floor(Math.log10(lo));
  const e1 = Math.ceil(Math.log10(hi));
  const multiples = e1 - e0 <= 2 ? [1, 2, 5] : [1];
  for (let e = e0; e <= e1; e++) {
    for (const m of multiples) {
      const t = m * 10 ** e;
      if (t >= lo * 0.999 && t <= hi * 1.001) ticks.push(Number(t.toPrecision(6)));
    }
  }
  if (ticks.length < 2) return [Number(lo.toPrecision(3)), Number(hi.toPrecision(3))];
  return ticks;
}

/** Short number labels: 1.2k, 3.4M, 0.01. */
export function formatNumber(v) {
  const a = Math.abs(v);
  if (a >= 1e9) return `${Number((v / 1e9).toPrecision(3))}G`;
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  if (a === 0) return '0';
  if (a < 0.01) return v.toExponential(0);
  return String(Number(v.toPrecision(3)));
}

/** A probability for a label: 3 decimals, or 2 significant digits when small. */
export function formatProbability(p) {
  return p >= 0.01 || p === 0 ? p.toFixed(3) : p.toExponential(1);
}

/** Extent [min, max] of finite values, or null. */
export function extent(values, positiveOnly = false) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (positiveOnly && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * Draws axes with ticks and labels into `svg`.
 * @param {{x: number, y: number, w: number, h: number}} frame  the plot area
 */
export function drawAxes(svg, frame, { xTicks, yTicks, xScale, yScale, xLabel, yLabel, xFormat = formatNumber,
  yFormat = formatNumber }) {
  const g = svgEl('g', { class: 'axes' });
  for (const t of yTicks) {
    const y = yScale(t);
    g.append(svgEl('line', { x1: frame.x, x2: frame.x + frame.w, y1: y, y2: y, class: 'grid' }));
    g.append(svgEl('text', { x: frame.x - 6, y: y + 4, class: 'tick', 'text-anchor': 'end' }, yFormat(t)));
  }
  for (const t of xTicks) {
    const x = xScale(t);
    g.append(svgEl('line', { x1: x, x2: x, y1: frame.y + frame.h, y2: frame.y + frame.h + 4, class: 'axis' }));
    g.append(svgEl('text', { x, y: frame.y + frame.h + 17, class: 'tick', 'text-anchor': 'middle' }, xFormat(t)));
  }
  g.append(svgEl('rect', { x: frame.x, y: frame.y, width: frame.w, height: frame.h, class: 'frame' }));
  if (xLabel) {
    g.append(svgEl('text', { x: frame.x + frame.w / 2, y: frame.y + frame.h + 34, class: 'axis-label',
      'text-anchor': 'middle' }, xLabel));
  }
  if (yLabel) {
    const cx = 14;
    const cy = frame.y + frame.h / 2;
    g.append(svgEl('text', { x: cx, y: cy, class: 'axis-label', 'text-anchor': 'middle',
      transform: `rotate(-90 ${cx} ${cy})` }, yLabel));
  }
  svg.append(g);
}

/** The points in pixels, as the unbroken runs a line through them is drawn in: a non-finite point breaks it. */
export function pixelRuns(points, xScale, yScale) {
  const runs = [];
  let run = null;
  for (const [x, y] of points) {
    const px = xScale(x);
    const py = yScale(y);
    if (!Number.isFinite(px) || !Number.isFinite(py)) { run = null; continue; }
    if (!run) runs.push(run = []);
    run.push([px, py]);
  }
  return runs;
}

/** An SVG path "M x y L x y ..." with a subpath per run of pixels (pixelRuns). */
export function pathOfRuns(runs) {
  return runs.map((run) => run.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)} ${py.toFixed(1)}`).join(''))
    .join('');
}

/** An SVG path through the points, skipping non-finite ones (which break the line). */
export function pathData(points, xScale, yScale) {
  return pathOfRuns(pixelRuns(points, xScale, yScale));
}
