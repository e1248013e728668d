// What a chart says in words, for every chart of the page (web/js/charts, the Gradients lab, the Memory lab):
//  - describeChart(svg, name, summary): the one text alternative. The <svg> is an image (role="img") whose
//    accessible name is the chart's name followed by what it shows now ("RNN falls 3.1 decades over 34
//    steps; …"). Each chart calls it from its own redraw, so the words change exactly as often as the
//    picture (LineChart redraws at most once per animation frame, the lab charts once per message).
//  - DataTable: the chart's numbers as a table in a <details> right after the chart's box, built only while
//    it is open (a closed table costs nothing per redraw) from the same points the chart draws.
//  - seriesTable / barTable: the tables of an XY chart (one row per x, one column per drawn curve) and of a
//    bar chart (one row per bar).

/** A number for reading: 3 significant digits, exponent form when tiny or huge. */
export function formatValue(v) {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

/** An x position for reading: integers in full (12,800 tokens), anything else as formatValue. */
export function formatX(v) {
  return Number.isInteger(v) ? v.toLocaleString('en') : formatValue(v);
}

/**
 * The text alternative of a chart: role="img" and aria-label "name: summary" (just the name while there is
 * nothing to summarise).
 * @param {SVGSVGElement} svg
 * @param {string} name  what the chart is ("training perplexity against tokens seen")
 * @param {string} [summary]  what it shows now ("train 12.3 at 76,800 tokens, validation 11.8")
 */
export function describeChart(svg, name, summary) {
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', summary ? `${name}: ${summary}` : name);
}

/**
 * How a curve of positive values changes across its x range, in words: "falls 3.1 decades over 34 steps".
 * fromHighX: read from the largest x to the smallest (a gradient against t travels from t = T back to 1).
 */
export function fallOver(points, fromHighX = false, unit = 'steps') {
  const ok = points.filter((p) => p[1] > 0 && Number.isFinite(p[1])).sort((a, b) => a[0] - b[0]);
  if (fromHighX) ok.reverse();
  if (ok.length < 2) return 'has fewer than two positive values';
  const decades = Math.log10(ok[0][1] / ok.at(-1)[1]);
  const span = Math.abs(ok.at(-1)[0] - ok[0][0]);
  return `${decades >= 0 ? 'falls' : 'rises'} ${Math.abs(decades).toFixed(1)} decades over ${formatX(span)} ${unit}`;
}

function html(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  node.append(...children);
  return node;
}

export class DataTable {
  /**
   * @param {HTMLElement} chartBox  the chart's box; the <details> goes right after it (a sibling)
   * @param {{summary?: string, caption: string}} text  the disclosure's text ("data", by default) and the
   *   table's caption
   */
  constructor(chartBox, { summary = 'data', caption }) {
    this.caption = caption;
    this.table = html('table', { class: 'chart-table' });
    // A long table scrolls in its own box, which the keyboard can reach (WCAG 2.1.1).
    const scroll = html('div', { class: 'chart-table-scroll', tabindex: '0', role: 'region', 'aria-label': caption }, this.table);
    // Its name says whose data it is ("data: train and validation perplexity …"); the page shows "data" only.
    this.details = html('details', { class: 'chart-data' },
      html('summary', {}, summary, html('span', { class: 'chart-data-of' }, `: ${caption}`)), scroll);
    chartBox.after(this.details);
    this.pending = () => [[], []];
    this.buildRequested = false;
    this.details.addEventListener('toggle', () => { if (this.details.open) this.build(); });
  }

  /**
   * @param {() => [string[], (string|number)[][]]} contents  the headers and the rows (cells formatted for
   *   reading; the first cell of a row is its header), computed only when the table is open
   */
  show(contents) {
    this.pending = contents;
    if (!this.details.open || this.buildRequested) return;
    // At most once per animation frame, however often the chart redraws.
    this.buildRequested = true;
    requestAnimationFrame(() => {
      this.buildRequested = false;
      if (this.details.open) this.build();
    });
  }

  build() {
    const [headers, rows] = this.pending();
    const head = html('tr', {}, ...headers.map((h) => html('th', { scope: 'col' }, h)));
    const body = rows.map((row) => html('tr', {}, ...row.map((cell, i) => (i === 0
      ? html('th', { scope: 'row' }, String(cell)) : html('td', {}, String(cell))))));
    this.table.replaceChildren(html('caption', {}, this.caption), html('thead', {}, head), html('tbody', {}, ...body));
    this.table.dataset.rows = String(rows.length);
  }
}

/**
 * The table of an XY chart: one row per distinct x (ascending), one column per curve, empty where a curve
 * has no point at that x.
 * @param {string} xHeader
 * @param {{label: string, points: number[][]}[]} curves  the points as drawn (after thinning and filtering)
 * @param {(v: number) => string} [format]  of the y values
 */
export function seriesTable(xHeader, curves, format = formatValue) {
  const byX = new Map();
  curves.forEach((curve, i) => {
    for (const [x, y] of curve.points) {
      if (!byX.has(x)) byX.set(x, new Array(curves.length).fill(''));
      byX.get(x)[i] = format(y);
    }
  });
  const rows = [...byX].sort((a, b) => a[0] - b[0]).map(([x, cells]) => [formatX(x), ...cells]);
  return [[xHeader, ...curves.map((c) => c.label)], rows];
}

/** The table of a bar chart: one row per bar. */
export function barTable(labelHeader, valueHeader, bars, format = formatValue) {
  return [[labelHeader, valueHeader], bars.map((b) => [b.label, format(b.value)])];
}

/** The data-xy attribute of a drawn curve: its points as "x,y x,y …" in full precision (for the tests). */
export function xyAttribute(points) {
  return points.map(([x, y]) => `${x},${y}`).join(' ');
}
