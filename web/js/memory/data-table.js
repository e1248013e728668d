// A chart's data as a table, folded in a <details> under the chart: the numbers a screen reader (or a
// student who wants them) reads instead of the curves. Rebuilt whole on each update, from the same
// thinned points the chart draws.
import { el } from '../lab/dom.js';

export class DataTable {
  /**
   * @param {HTMLElement} parent  where the <details> goes
   * @param {string} summary  the disclosure's text, e.g. "accuracy data as a table"
   * @param {string} caption
   */
  constructor(parent, summary, caption) {
    this.caption = caption;
    this.table = el('table', { class: 'lab-table memory-table' });
    this.details = el('details', { class: 'memory-data' }, el('summary', {}, summary), this.table);
    parent.append(this.details);
    // Built only while open: a closed table costs nothing per update (the race updates every second).
    this.pending = () => [[], []];
    this.details.addEventListener('toggle', () => { if (this.details.open) this.build(); });
    this.build();
  }

  /**
   * @param {() => [string[], (string|number)[][]]} contents  the headers and the rows (cells formatted for
   *   reading), computed only when the table is open
   */
  show(contents) {
    this.pending = contents;
    if (this.details.open) this.build();
  }

  build() {
    const [headers, rows] = this.pending();
    const head = el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)));
    const body = rows.map((row) => el('tr', {}, ...row.map((cell, i) => (i === 0 ? el('th', { scope: 'row' }, String(cell))
      : el('td', {}, String(cell))))));
    this.table.replaceChildren(el('caption', {}, this.caption), el('thead', {}, head), el('tbody', {}, ...body));
    this.table.dataset.rows = String(rows.length);
  }
}
