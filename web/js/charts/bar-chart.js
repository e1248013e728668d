// A bar chart (hand-written SVG). Vertical (perplexity per n) or horizontal (a next-token distribution,
// one row per token). Narrow API: set(bars) / clear(). A bar: {label, value, title?, highlight?}. A
// highlighted bar has a dark outline as well as its colour. Its text alternative (options.describe) and its
// "data" table (./chart-text.js) follow each redraw.
import { observedWidth, createSvg, svgEl, linearScale, niceTicks, drawAxes, formatNumber } from './svg.js';
import { describeChart, DataTable, barTable } from './chart-text.js';

export class BarChart {
  /**
   * @param {HTMLElement} container
   * @param {{orientation?: 'vertical'|'horizontal', xLabel?: string, yLabel?: string, width?: number,
   *          height?: number, label?: string, format?: (v: number) => string, emptyText?: string,
   *          describe?: (bars: {label: string, value: number, highlight?: boolean}[]) => string,
   *          labelHeader?: string, valueHeader?: string}} options
   *   describe: what the bars show now, in words (after the label, the chart's name, in its text alternative);
   *   labelHeader / valueHeader: the data table's column headers
   */
  constructor(container, options = {}) {
    this.container = container;
    this.options = { orientation: 'vertical', width: 640, height: 260, format: formatNumber, emptyText: 'no data yet',
      labelHeader: 'bar', valueHeader: 'value', ...options };
    this.bars = [];
    this.table = container.parentNode ? new DataTable(container, { caption: this.options.label || 'bar chart' }) : null;
    this.observed = observedWidth(container, this.options.width, () => this.render());
    this.render();
  }

  set(bars) {
    this.bars = bars.filter((b) => Number.isFinite(b.value));
    this.render();
  }

  clear() { this.set([]); }

  render() {
    if (this.options.orientation === 'horizontal') this.renderHorizontal();
    else this.renderVertical();
    const { label, yLabel, labelHeader, valueHeader, describe } = this.options;
    const name = label || yLabel || (this.options.orientation === 'horizontal' ? 'distribution' : 'bar chart');
    describeChart(this.container.querySelector('svg'), name,
      this.bars.length ? describe?.(this.bars) : this.options.emptyText);
    const bars = this.bars;
    this.table?.show(() => barTable(labelHeader, valueHeader, bars, this.options.format));
  }

  renderVertical() {
    const { height, xLabel, yLabel, label, format } = this.options;
    const width = this.observed.px;
    const svg = createSvg(this.container, width, height, label || yLabel || 'bar chart', this.observed);
    svg.dataset.bars = String(this.bars.length);
    if (!this.bars.length) {
      svg.append(svgEl('text', { x: width / 2, y: height / 2, class: 'empty', 'text-anchor': 'middle' }, this.options.emptyText));
      return;
    }
    const frame = { x: 62, y: 18, w: width - 62 - 16, h: height - 18 - 44 };
    const top = Math.max(...this.bars.map((b) => b.value)) * 1.12 || 1;
    const yScale = linearScale(0, top, frame.y + frame.h, frame.y);
    const slot = frame.w / this.bars.length;
    const xScale = () => -100;  // no numeric x ticks: labels are drawn per bar
    drawAxes(svg, frame, { xTicks: [], yTicks: niceTicks(0, top, 5), xScale, yScale, xLabel, yLabel });
    const g = svgEl('g', { class: 'plot' });
    this.bars.forEach((bar, i) => {
      const x = frame.x + i * slot + slot * 0.18;
      const y = yScale(bar.value);
      const rect = svgEl('rect', { x, y, width: slot * 0.64, height: frame.y + frame.h - y,
        class: bar.highlight ? 'bar highlight' : 'bar', 'data-label': bar.label, 'data-value': bar.value });
      rect.append(svgEl('title', {}, bar.title || `${bar.label}: ${format(bar.value)}`));
      g.append(rect);
      g.append(svgEl('text', { x: x + slot * 0.32, y: y - 4, class: 'bar-value', 'text-anchor': 'middle' }, format(bar.value)));
      g.append(svgEl('text', { x: x + slot * 0.32, y: frame.y + frame.h + 17, class: 'tick', 'text-anchor': 'middle' },
        bar.label));
    });
    svg.append(g);
  }

  renderHorizontal() {
    const { label, format } = this.options;
    const width = this.observed.px;
    const row = 20;
    const height = Math.max(40, this.bars.length * row + 12);
    const svg = createSvg(this.container, width, height, label || 'distribution', this.observed);
    svg.dataset.bars = String(this.bars.length);
    if (!this.bars.length) {
      svg.append(svgEl('text', { x: width / 2, y: height / 2, class: 'empty', 'text-anchor': 'middle' }, this.options.emptyText));
      return;
    }
    const labelWidth = 110;
    const top = Math.max(...this.bars.map((b) => b.value)) || 1;
    const xScale = linearScale(0, top, labelWidth, width - 70);
    const g = svgEl('g', { class: 'plot' });
    this.bars.forEach((bar, i) => {
      const y = 6 + i * row;
      g.append(svgEl('text', { x: labelWidth - 8, y: y + 13, class: 'bar-token', 'text-anchor': 'end' }, bar.label));
      const rect = svgEl('rect', { x: labelWidth, y, width: Math.max(1, xScale(bar.value) - labelWidth), height: row - 6,
        class: bar.highlight ? 'bar highlight' : 'bar', 'data-label': bar.label, 'data-value': bar.value });
      rect.append(svgEl('title', {}, bar.title || `${bar.label}: ${format(bar.value)}`));
      g.append(rect);
      g.append(svgEl('text', { x: xScale(bar.value) + 6, y: y + 13, class: 'bar-value' }, format(bar.value)));
    });
    svg.append(g);
  }
}
