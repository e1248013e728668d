// A chart of bar groups (hand-written SVG): each group a heading and one horizontal bar per member (the
// n-gram field: one group per smoothing, one bar per order). Horizontal, so that every group's name, every
// bar's label and every value are written out in full at any width; the groups flow into as many columns as
// the width holds (one on a phone, two or more beside it) on one shared scale, so bars compare across columns.
// A member without a finite value draws no bar: its text says why in its place ("∞ (1,234 unseen)"), never a
// bar cut off at the frame. Nothing is told by colour alone: the chosen bar has an outline, the chosen group's
// heading says "(chosen)", the lowest value is followed by the word "lowest". Its text alternative
// (options.describe) and its "data" table (one row per group, one column per member) follow each redraw.
import { observedWidth, createSvg, svgEl } from './svg.js';
import { describeChart, DataTable, formatValue } from './chart-text.js';

/**
 * @typedef {{label: string, value: number|null, text?: string, highlight?: boolean, title?: string}} GroupBar
 *   text: what stands in place of a bar without a finite value (and in its table cell); title: a drawn bar's
 *   tooltip
 * @typedef {{key: string, label: string, bars: GroupBar[], highlight?: boolean}} BarGroup
 */

const HEADING = 17;   // a group's heading row
const ROW = 13;       // one bar's row (the bar 9 px high)
const GAP = 7;        // after each group
const LABEL_WIDTH = 40;
const VALUE_ROOM = 64;  // right of the longest bar: its value and "lowest"
const FOOT = 18;      // the scale's words under the columns

export class GroupedBarChart {
  /**
   * @param {HTMLElement} container
   * @param {{label: string, width?: number, minColumnWidth?: number, barLabel?: (label: string) => string,
   *          valueName?: string, format?: (v: number) => string, emptyText?: string,
   *          describe?: (groups: BarGroup[]) => string, groupHeader?: string,
   *          columnHeader?: (label: string) => string}} options
   *   barLabel: a bar's label as written beside it ("n = 3" for "3"); valueName: what the bars measure (under
   *   the columns); groupHeader / columnHeader: the data table's first column and its other columns' headers
   */
  constructor(container, options) {
    this.container = container;
    this.options = { width: 460, minColumnWidth: 220, barLabel: (label) => label, valueName: 'value',
      format: formatValue, emptyText: 'no data yet', groupHeader: 'group', columnHeader: (label) => label, ...options };
    /** @type {BarGroup[]} */
    this.groups = [];
    this.table = container.parentNode ? new DataTable(container, { caption: this.options.label }) : null;
    this.observed = observedWidth(container, this.options.width, () => this.render());
    this.render();
  }

  /** @param {BarGroup[]} groups */
  set(groups) {
    this.groups = groups.filter((g) => g.bars.length);
    this.render();
  }

  /** The columns of groups for `width`: consecutive groups, as even as the group heights allow. */
  layout(width) {
    const count = Math.max(1, Math.min(this.groups.length, Math.floor(width / this.options.minColumnWidth)));
    const heightOf = (g) => HEADING + g.bars.length * ROW + GAP;
    const total = this.groups.reduce((sum, g) => sum + heightOf(g), 0);
    const columns = [[]];
    let filled = 0;
    for (const g of this.groups) {
      // A new column once this one holds its share of the total height (never more columns than `count`).
      if (columns.at(-1).length && columns.length < count && filled + heightOf(g) / 2 > (total * columns.length) / count) {
        columns.push([]);
      }
      columns.at(-1).push(g);
      filled += heightOf(g);
    }
    const heights = columns.map((c) => c.reduce((sum, g) => sum + heightOf(g), 0));
    return { columns, height: Math.max(...heights) };
  }

  render() {
    const { label, format, barLabel, valueName } = this.options;
    const width = this.observed.px;
    const groups = this.groups;
    const finite = groups.flatMap((g) => g.bars.filter((b) => Number.isFinite(b.value)));
    const { columns, height: columnsHeight } = this.layout(width);
    const height = groups.length ? columnsHeight + FOOT : 60;
    const svg = createSvg(this.container, width, height, label, this.observed);
    svg.dataset.groups = String(groups.length);
    svg.dataset.bars = String(finite.length);
    describeChart(svg, label, groups.length ? this.options.describe?.(groups) : this.options.emptyText);
    this.table?.show(() => groupTable(this.options.groupHeader, this.options.columnHeader, groups, format));
    if (!groups.length) {
      svg.append(svgEl('text', { x: width / 2, y: height / 2, class: 'empty', 'text-anchor': 'middle' }, this.options.emptyText));
      return;
    }
    const lowest = finite.length ? Math.min(...finite.map((b) => b.value)) : NaN;
    const top = finite.length ? Math.max(...finite.map((b) => b.value)) : 1;
    const columnWidth = width / columns.length;
    const barRoom = Math.max(20, columnWidth - LABEL_WIDTH - VALUE_ROOM - 8);
    const plot = svgEl('g', { class: 'plot' });
    columns.forEach((column, c) => {
      const x0 = c * columnWidth;
      let y = 0;
      for (const group of column) {
        const g = svgEl('g', { class: 'bar-group', 'data-group': group.key, 'data-chosen': group.highlight ? 'true' : undefined });
        g.append(svgEl('text', { x: x0 + 2, y: y + 13, class: 'axis-label' }, group.highlight ? `${group.label} (chosen)` : group.label));
        y += HEADING;
        for (const bar of group.bars) {
          const barX = x0 + LABEL_WIDTH;
          g.append(svgEl('text', { x: barX - 6, y: y + 9, class: 'tick', 'text-anchor': 'end' }, barLabel(bar.label)));
          if (Number.isFinite(bar.value)) {
            const w = Math.max(1, (bar.value / top) * barRoom);
            const rect = svgEl('rect', { x: barX, y: y + 1, width: w, height: ROW - 4,
              class: bar.highlight ? 'bar highlight' : 'bar', 'data-group': group.key, 'data-label': bar.label, 'data-value': bar.value });
            rect.append(svgEl('title', {}, bar.title || `${group.label}, ${barLabel(bar.label)}: ${format(bar.value)}`));
            g.append(rect);
            g.append(svgEl('text', { x: barX + w + 5, y: y + 9, class: 'bar-value' },
              bar.value === lowest ? `${format(bar.value)} lowest` : format(bar.value)));
          } else {
            // The text is the whole of it (no <title> inside: a test, like a reader, reads it as written).
            g.append(svgEl('text', { x: barX, y: y + 9, class: 'bar-value bar-missing', 'data-group': group.key,
              'data-label': bar.label }, bar.text || 'none'));
          }
          y += ROW;
        }
        y += GAP;
        plot.append(g);
      }
    });
    svg.append(plot);
    svg.append(svgEl('text', { x: 2, y: columnsHeight + 12, class: 'bar-value' },
      `bar length: ${valueName}`));
  }
}

/**
 * The table of a grouped bar chart: one row per group, one column per distinct bar label (in the order first
 * met), a missing bar's text in its cell, empty where a group has no such bar.
 * @param {string} groupHeader  @param {(label: string) => string} columnHeader
 * @param {BarGroup[]} groups  @param {(v: number) => string} format
 * @returns {[string[], string[][]]}
 */
export function groupTable(groupHeader, columnHeader, groups, format) {
  const labels = [...new Set(groups.flatMap((g) => g.bars.map((b) => b.label)))];
  const rows = groups.map((g) => [g.highlight ? `${g.label} (chosen)` : g.label, ...labels.map((label) => {
    const bar = g.bars.find((b) => b.label === label);
    if (!bar) return '';
    return Number.isFinite(bar.value) ? format(bar.value) : (bar.text || 'none');
  })]);
  return [[groupHeader, ...labels.map(columnHeader)], rows];
}
