// View 3, the paths from h_(t-1) to h_t, stacked against t: for the GRU the four terms of docs/math.md §5
// (direct through 1 - z, through z, through the candidate via r * h, through r); for the LSTM the cell
// path dl/dc_(t-1) = dl/dc_t * f_t against the rest. Norms, or each term's share of their sum per step.
// Data (message lab-paths): { cell: 'gru', T, paths: [{direct, update, candidate, reset}] }
//                         | { cell: 'lstm', T, paths: [{cell, rest}] }, paths[t-1] at t = 1..T.
import { LabChart } from './lab-chart.js';
import { el, viewFrame, para, sub, formatValue } from './dom.js';

// Fills far apart in lightness (dark blue, green, orange, yellow) so the stack reads in greyscale too.
const LAYERS = {
  gru: [
    { key: 'direct', label: 'direct: δh_t ⊙ (1 − z_t)', color: '#004c80' },
    { key: 'update', label: 'through z_t', color: '#009e73' },
    { key: 'candidate', label: 'candidate, via r_t ⊙ h_t−1', color: '#e69f00' },
    { key: 'reset', label: 'through r_t', color: '#f0e442' },
  ],
  lstm: [
    { key: 'cell', label: 'cell: δc_t ⊙ f_t', color: '#004c80' },
    { key: 'rest', label: 'rest: through the gates', color: '#e69f00' },
  ],
};

export class PathsView {
  constructor(container) {
    const { figure } = viewFrame(container, 'Which path carries the gradient', [
      para('GRU: h', sub('t−1'), ' reaches h', sub('t'), ' by four paths, so the part of ∂ℓ/∂h', sub('t−1'),
        ' that comes through h', sub('t'), ' is the sum of four vectors: the direct term δh', sub('t'), ' ⊙ (1 − z', sub('t'),
        '), and three terms that pass through at least one weight matrix and a σ′ (at most 1/4) or tanh′ (at most 1): through z',
        sub('t'), ', through the candidate via r', sub('t'), ' ⊙ h', sub('t−1'), ', and through r', sub('t'), '.'),
      para('Units with z near 0 pass the gradient back unchanged on the direct path; that is how a GRU keeps it alive over ',
        'many steps. Where the direct band is the widest, most of the gradient goes straight through (1 − z).'),
      para('LSTM: the cell path multiplies ∂ℓ/∂c', sub('t'), ' by the forget gate f', sub('t'), ' only, with no weight matrix; ',
        'the rest reaches h', sub('t−1'), ' through the gates and the candidate.'),
      para('The bands are the norms of the terms stacked; the norm of a sum is at most the sum of the norms, so the top ',
        'of the stack bounds the norm of what reaches h', sub('t−1'), '. "Share per step" scales each step\'s stack to 1.'),
    ]);
    this.share = el('input', { type: 'checkbox', id: 'lab-paths-share' });
    this.share.addEventListener('change', () => this.render());
    // The worker may send both cells; the student picks which one is drawn (the first to arrive at first).
    this.cell = el('select', { id: 'lab-paths-cell' }, el('option', { value: 'gru' }, 'GRU'), el('option', { value: 'lstm' }, 'LSTM'));
    this.cell.addEventListener('change', () => this.render());
    figure.append(el('div', { class: 'lab-controls' }, el('label', { for: 'lab-paths-cell' }, 'cell'), this.cell,
      el('label', {}, this.share, ' share per step')));
    this.chart = new LabChart(el('div', { class: 'chart-box', 'data-chart': 'paths' }), {
      xLabel: 'step t (term of ∂ℓ/∂h_t−1 through h_t)', yLabel: 'norm of the term', yMin: 0,
      label: 'norms of the path terms from h t minus 1 to h t, stacked, against t' });
    figure.append(this.chart.container);
    this.data = null;
  }

  update(data) {
    if (!LAYERS[data.cell]) throw new Error(`lab-paths: cell must be 'gru' or 'lstm', got '${data.cell}'`);
    this.byCell = { ...this.byCell, [data.cell]: data };
    if (!this.byCell[this.cell.value]) this.cell.value = data.cell;
    this.render();
  }

  render() {
    this.data = this.byCell?.[this.cell.value];
    if (!this.data) return;
    const { cell, paths } = this.data;
    const layers = LAYERS[cell];
    if (!layers) throw new Error(`lab-paths: cell must be 'gru' or 'lstm', got '${cell}'`);
    const share = this.share.checked;
    // The text alternative: each term's part of the summed norms over all steps.
    const totals = layers.map((l) => paths.reduce((s, p) => s + (p[l.key] || 0), 0));
    const all = totals.reduce((a, b) => a + b, 0);
    const summary = `${cell.toUpperCase()}, t = 1…${paths.length}: ` + layers.map((l, i) =>
      `${l.label} ${all > 0 ? Math.round((100 * totals[i]) / all) : 0}%`).join(', ') + ' of the summed norms';
    this.chart.options.yLabel = share ? 'share of the stack' : 'norm of the term';
    this.chart.options.xLabel = cell === 'gru' ? 'step t (terms of ∂ℓ/∂h_t−1 through h_t)'
      : 'step t (what step t sends back to c_t−1 and h_t−1)';
    const lines = [];
    const bands = [];
    let below = paths.map(() => 0);
    for (const layer of layers) {
      const top = paths.map((p, i) => {
        const total = share ? layers.reduce((s, l) => s + p[l.key], 0) : 1;
        return below[i] + (total > 0 ? p[layer.key] / total : 0);
      });
      bands.push({ name: layer.key, color: layer.color, opacity: 0.9, outlined: true,
        lo: below.map((v, i) => [i + 1, v]), hi: top.map((v, i) => [i + 1, v]) });
      lines.push({ name: layer.key, label: layer.label, style: { color: layer.color, swatch: true },
        points: top.map((v, i) => [i + 1, v]) });
      below = top;
    }
    // The table: each term's own value per step (its layer's thickness), not the stack's top.
    const table = (drawn) => [['t', ...layers.map((l) => l.label)], drawn[0].points.map(([t], j) =>
      [t, ...drawn.map((d, i) => formatValue(d.points[j][1] - (i > 0 ? drawn[i - 1].points[j][1] : 0)))])];
    this.chart.draw({ lines, bands, summary, table });
  }
}
