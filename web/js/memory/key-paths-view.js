// Chart (c): for each GRU of the race, the four terms that carry the answer's gradient from h_(k+1) back into
// the key's state h_k (k: the key's step): the direct term δh ⊙ (1 − z), and the terms through z, through
// the candidate via r ⊙ h and through r (the Gradients lab's "paths" view has the formulas). One bar per
// GRU, before training and now, each term's share of their summed norms; the norms are in the table.
// Across a long lag the gradient survives only on a path that is close to the identity: the direct one,
// open where the update gate z is near 0 (a keep bias of 2 starts it at σ(−2) ≈ 0.12).
import { svgEl, createSvg, observedWidth } from '../charts/svg.js';
import { el, formatValue } from '../lab/dom.js';
import { DataTable, describeChart } from '../charts/chart-text.js';

/** The GRU's four terms, fills far apart in lightness (as in the Gradients lab) and a text label each. */
export const TERMS = [
  { key: 'direct', label: 'direct, through 1 − z', color: '#004c80', text: '#fff' },
  { key: 'update', label: 'through z', color: '#009e73', text: '#1d232b' },
  { key: 'candidate', label: 'candidate, via r ⊙ h', color: '#e69f00', text: '#1d232b' },
  { key: 'reset', label: 'through r', color: '#f0e442', text: '#1d232b' },
];
const ROW = 26;
const NAME = 'share of each of the four GRU path terms that carry the gradient back into the key state, per GRU, at initialisation and now';

export class KeyPathsView {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.box = el('div', { class: 'chart-box', 'data-chart': 'memory-key-paths' });
    this.figure = el('figure', { class: 'memory-figure' },
      el('figcaption', {}, 'GRU: which path carries the gradient into the key\'s state'), this.box);
    container.append(this.figure);
    this.table = new DataTable(this.box, { caption: 'norms of the four terms from h_(k+1) to h_k (k: the key step), and the direct term\'s share' });
    this.rows = [];
    this.observed = observedWidth(this.box, 620, () => this.render());
    this.render();
  }

  update(data) {
    const grus = data.contestants.filter((c) => c.cell === 'gru');
    this.rows = grus.flatMap((c) => [{ label: `${c.label}, init`, paths: c.pathsInit, id: `${c.id}:init` },
      { label: `${c.label}, now`, paths: c.pathsNow, id: c.id }]).filter((r) => r.paths);
    this.render();
    const rows = this.rows;
    this.table.show(() => [['bar', ...TERMS.map((t) => t.label), 'direct share'], rows.map((r) => [r.label,
      ...TERMS.map((t) => formatValue(r.paths[t.key])), share(r.paths, 'direct')])]);
  }

  render() {
    const width = this.observed.px;
    // Legend first (a swatch and the term's name, wrapped): the bars start below its last row.
    const legend = [];
    let x = 8;
    let y = 14;
    for (const term of TERMS) {
      const w = 30 + term.label.length * 6.4;
      if (x + w > width && x > 8) { x = 8; y += 16; }
      legend.push({ term, x, y });
      x += w;
    }
    // Narrow (a phone): each bar's name above it, the bar the full width; wide: the name left of the bar.
    const narrow = width < 480;
    const pitch = ROW + (narrow ? 22 : 8);
    const height = y + 20 + Math.max(1, this.rows.length) * pitch;
    const svg = createSvg(this.box, width, height, NAME, this.observed);
    svg.dataset.bars = String(this.rows.length);
    describeChart(svg, NAME, this.rows.length ? this.rows.map((r) => `${r.label}: ${TERMS.map((t) =>
      `${t.label} ${share(r.paths, t.key)}`).join(', ')}`).join('; ') : 'no GRU in the race');
    for (const { term, x: lx, y: ly } of legend) {
      svg.append(svgEl('rect', { x: lx, y: ly - 10, width: 18, height: 11, fill: term.color, stroke: '#333', 'stroke-width': 0.6 }));
      svg.append(svgEl('text', { x: lx + 23, y: ly, class: 'legend-label' }, term.label));
    }
    if (!this.rows.length) {
      svg.append(svgEl('text', { x: width / 2, y: height - 14, class: 'empty', 'text-anchor': 'middle' },
        'no GRU in the race'));
      return;
    }
    const labelWidth = narrow ? 0 : Math.min(170, width * 0.35);
    const barLeft = narrow ? 8 : labelWidth + 8;
    const barWidth = width - barLeft - 10;
    this.rows.forEach((row, i) => {
      const top = y + 14 + i * pitch + (narrow ? 14 : 0);
      svg.append(narrow ? svgEl('text', { x: barLeft, y: top - 4, class: 'tick' }, row.label)
        : svgEl('text', { x: labelWidth, y: top + ROW / 2 + 4, 'text-anchor': 'end', class: 'tick' }, row.label));
      const total = TERMS.reduce((s, t) => s + (row.paths[t.key] || 0), 0);
      let left = barLeft;
      for (const term of TERMS) {
        const part = total > 0 ? (row.paths[term.key] || 0) / total : 0;
        const w = part * barWidth;
        const rect = svgEl('rect', { x: left, y: top, width: Math.max(0, w), height: ROW, fill: term.color, stroke: '#1d232b',
          'stroke-width': 0.8, 'data-term': term.key, 'data-bar': row.id, 'data-share': part.toFixed(4) });
        rect.append(svgEl('title', {}, `${row.label}: ${term.label} ${Math.round(part * 100)}%`));
        svg.append(rect);
        if (w > 34) {
          svg.append(svgEl('text', { x: left + w / 2, y: top + ROW / 2 + 4, 'text-anchor': 'middle', fill: term.text,
            class: 'bar-share' }, `${Math.round(part * 100)}%`));
        }
        left += w;
      }
    });
  }
}

/** A term's share of the four terms' summed norms, for reading. */
function share(paths, key) {
  const total = TERMS.reduce((s, t) => s + (paths[t.key] || 0), 0);
  return total > 0 ? `${Math.round((paths[key] / total) * 100)}%` : '—';
}
