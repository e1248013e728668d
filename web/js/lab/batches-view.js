// View 7, minibatches: a strip of the corpus under each iterator (random sampling, sequential partitioning)
// with the B subsequences of minibatch k marked, and whether each row's hidden state is carried over from
// minibatch k - 1 or reset to zero (docs/math.md §6). The view keeps the latest message of each iterator.
// Data (message lab-batches): { iterator: 'random'|'sequential', B, T, corpusLength, k?,
//   rows: [{start, carriedFromPrevious}] } (B rows of minibatch k).
import { observedWidth, createSvg, svgEl, linearScale, niceTicks, formatNumber } from '../charts/svg.js';
import { el, viewFrame, para } from './dom.js';
import { describeChart, DataTable } from '../charts/chart-text.js';

const ITERATORS = [
  { key: 'random', title: 'random sampling' },
  { key: 'sequential', title: 'sequential partitioning' },
];
const TABLE_ROWS = 6;
/** Rows of a minibatch drawn (and in the data table). */
const MAX_LANES = 32;

/** "random sampling, minibatch k = 2: 32 rows from token 1,200 to 170,000, every state reset to 0". */
function batchSummary(it, d) {
  const starts = d.rows.slice(0, MAX_LANES).map((r) => r.start);
  const carried = d.rows.slice(0, MAX_LANES).filter((r) => r.carriedFromPrevious).length;
  const state = carried === starts.length ? 'every state carried from minibatch k − 1'
    : carried === 0 ? 'every state reset to 0' : `${carried} states carried, ${starts.length - carried} reset to 0`;
  return `${it.title}${Number.isInteger(d.k) ? `, minibatch k = ${d.k}` : ''}: ${starts.length} rows of T = ${d.T} tokens ` +
    `starting between token ${Math.min(...starts).toLocaleString('en')} and ${Math.max(...starts).toLocaleString('en')} ` +
    `of ${d.corpusLength.toLocaleString('en')}, ${state}`;
}

export class BatchesView {
  /** @param {{onBatchK?: (k: number) => void}} callbacks  the student picked minibatch k */
  constructor(container, { onBatchK } = {}) {
    const { figure } = viewFrame(container, 'Where minibatch k comes from', [
      para('Both iterators skip a random number (0 … T−1) of tokens at the start of each epoch and cut the rest into ',
        'subsequences of T tokens; the target of each token is the next one.'),
      para('Random sampling shuffles the subsequences: the rows of minibatch k come from anywhere, and the row that ',
        'followed them in the text is usually not in minibatch k + 1. So the hidden state is reset to zero for every minibatch.'),
      para('Sequential partitioning splits the corpus into B long streams, one per row; minibatch k + 1 continues each ',
        'row exactly where minibatch k ended. So the hidden state is carried over (detached: the gradient does not ',
        'flow across the boundary, but the forward state does).'),
    ]);
    if (onBatchK) {
      const k = el('input', { type: 'number', min: '0', max: '1000', step: '1', value: '1', id: 'lab-batch-k' });
      k.addEventListener('change', () => {
        const value = Number(k.value);
        if (Number.isInteger(value) && value >= 0 && value <= 1000) onBatchK(value);
      });
      figure.append(el('div', { class: 'lab-controls' }, el('label', { for: 'lab-batch-k' }, 'minibatch k'), k));
    }
    this.chartBox = el('div', { class: 'chart-box', 'data-chart': 'batches' });
    this.tables = el('div', { class: 'lab-batch-tables' });
    figure.append(this.chartBox, this.tables);
    this.dataTable = new DataTable(this.chartBox, { caption: 'the drawn rows of minibatch k under each iterator' });
    this.latest = {};
    this.observed = observedWidth(this.chartBox, 420, () => this.render());
    this.render();
  }

  update(data) {
    if (!ITERATORS.some((it) => it.key === data.iterator)) {
      throw new Error(`lab-batches: iterator must be 'random' or 'sequential', got '${data.iterator}'`);
    }
    this.latest[data.iterator] = data;
    this.render();
  }

  render() {
    const width = this.observed.px;
    const shown = ITERATORS.filter((it) => this.latest[it.key]);
    const blockHeight = (d) => 44 + Math.min(d.rows.length, MAX_LANES) * 7;
    const height = Math.max(60, shown.reduce((h, it) => h + blockHeight(this.latest[it.key]) + 10, 8) + 20);
    const name = 'the corpus as a strip, with the subsequences of minibatch k under each iterator';
    const svg = createSvg(this.chartBox, width, height, name, this.observed);
    svg.dataset.iterators = String(shown.length);
    describeChart(svg, name, shown.length ? shown.map((it) => batchSummary(it, this.latest[it.key])).join('; ') : 'no data yet');
    this.dataTable.show(() => [['iterator, row', 'first token', 'last token', 'hidden state'], shown.flatMap((it) =>
      this.latest[it.key].rows.slice(0, MAX_LANES).map((row, b) => [`${it.title}, row ${b}`, row.start,
        row.start + this.latest[it.key].T - 1, row.carriedFromPrevious ? 'carried' : 'reset to 0']))]);
    if (!shown.length) {
      svg.append(svgEl('text', { x: width / 2, y: height / 2, class: 'empty', 'text-anchor': 'middle' }, 'no data yet'));
      this.tables.replaceChildren();
      return;
    }
    const frame = { x: 12, w: width - 24 };
    let y = 8;
    const tables = [];
    for (const it of shown) {
      const d = this.latest[it.key];
      const scale = linearScale(0, d.corpusLength, frame.x, frame.x + frame.w);
      const k = Number.isInteger(d.k) ? d.k : null;
      const g = svgEl('g', { class: 'batch-block', 'data-iterator': it.key });
      g.append(svgEl('text', { x: frame.x, y: y + 10, class: 'axis-label' },
        `${it.title}${k !== null ? `, minibatch k = ${k}` : ''} (B = ${d.B}, T = ${d.T})`));
      const stripY = y + 28;  // title, then the tick labels, then the strip
      g.append(svgEl('rect', { x: frame.x, y: stripY, width: frame.w, height: 8, class: 'corpus-strip' }));
      // Windows are drawn at least 2 px wide: T tokens of a long corpus would otherwise vanish.
      const lanes = d.rows.slice(0, MAX_LANES);
      lanes.forEach((row, b) => {
        const x0 = scale(row.start);
        const w = Math.max(2, scale(row.start + d.T) - x0);
        const ly = stripY + 12 + b * 7;
        g.append(svgEl('line', { x1: x0, x2: x0, y1: stripY + 8, y2: ly, class: 'batch-guide' }));
        const rect = svgEl('rect', { x: x0, y: ly, width: w, height: 5,
          class: row.carriedFromPrevious ? 'batch-window carried' : 'batch-window reset',
          'data-start': row.start, 'data-carried': row.carriedFromPrevious });
        rect.append(svgEl('title', {}, `row ${b}: tokens ${row.start}…${row.start + d.T - 1}, state ` +
          (row.carriedFromPrevious ? 'carried from minibatch k − 1' : 'reset to 0')));
        g.append(rect);
        // Carried: an arrow into the window from where the previous minibatch ended; reset: a bar (h = 0).
        if (row.carriedFromPrevious) {
          g.append(svgEl('path', { d: `M${(x0 - 7).toFixed(1)} ${ly - 0.5}l5 3l-5 3z`, class: 'batch-carry' }));
        } else {
          g.append(svgEl('line', { x1: x0 - 3, x2: x0 - 3, y1: ly - 1, y2: ly + 6, class: 'batch-reset' }));
        }
      });
      for (const t of niceTicks(0, d.corpusLength, Math.max(2, Math.floor(frame.w / 90)))) {
        const x = scale(t);
        const anchor = x < frame.x + 12 ? 'start' : x > frame.x + frame.w - 12 ? 'end' : 'middle';
        g.append(svgEl('text', { x, y: stripY - 2, class: 'tick batch-tick', 'text-anchor': anchor }, formatNumber(t)));
      }
      svg.append(g);
      y += blockHeight(d) + 10;
      tables.push(this.table(it, d, k));
    }
    this.legend(svg, width, height);
    this.tables.replaceChildren(...tables);
  }

  legend(svg, width, height) {
    const y = height - 8;
    svg.append(svgEl('path', { d: `M12 ${y - 6}l5 3l-5 3z`, class: 'batch-carry' }),
      svgEl('rect', { x: 20, y: y - 6, width: 14, height: 5, class: 'batch-window carried' }),
      svgEl('text', { x: 40, y, class: 'legend-label' }, 'state carried from minibatch k − 1'),
      svgEl('line', { x1: 262, x2: 262, y1: y - 7, y2: y, class: 'batch-reset' }),
      svgEl('rect', { x: 266, y: y - 6, width: 14, height: 5, class: 'batch-window reset' }),
      svgEl('text', { x: 286, y, class: 'legend-label' }, 'state reset to 0'));
  }

  table(it, d, k) {
    const body = el('tbody');
    d.rows.slice(0, TABLE_ROWS).forEach((row, b) => body.append(el('tr', {},
      el('td', {}, `row ${b}`), el('td', {}, `${row.start} … ${row.start + d.T - 1}`),
      el('td', {}, row.carriedFromPrevious ? 'carried' : 'reset to 0'))));
    if (d.rows.length > TABLE_ROWS) {
      body.append(el('tr', {}, el('td', { colspan: '3' }, `… ${d.rows.length - TABLE_ROWS} more rows`)));
    }
    return el('table', { class: 'lab-table', 'data-iterator': it.key },
      el('caption', {}, `${it.title}${k !== null ? `, minibatch ${k}` : ''}`),
      el('thead', {}, el('tr', {}, el('th', {}, 'row'), el('th', {}, 'tokens'), el('th', {}, 'hidden state'))), body);
  }
}
