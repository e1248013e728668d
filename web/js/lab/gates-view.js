// View 6, gates: a heatmap over a snippet of the validation text, one row per gate unit (GRU z and r; LSTM
// i, f and o), one column per character, the characters printed under it; hovering or moving a keyboard
// cursor (arrow keys; PageUp/PageDown jump a gate) shows the value. Below it, the share of saturated units
// (gate value < 0.05 or > 0.95) over training.
// Data (message lab-gates): { text: string[T], gates: { 'l0.z': number[T][H] (or a flat row-major (T, H)
//   array), ... }, saturation: [{step, share}] }.
import { exactSize, keepOutUntilMeasured, observedWidth, svgEl } from '../charts/svg.js';
import { LabChart } from './lab-chart.js';
import { el, viewFrame, para, sub, formatValue } from './dom.js';
import { describeChart, DataTable, formatX } from '../charts/chart-text.js';

// Viridis at 9 stops: lightness rises monotonically from 0 to 1, so the map survives greyscale.
const VIRIDIS = [[68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141], [39, 173, 129],
  [92, 200, 99], [170, 220, 50], [253, 231, 37]];

export function viridis(v) {
  const x = Math.min(1, Math.max(0, v)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  return VIRIDIS[i].map((c, k) => Math.round(c + f * (VIRIDIS[i + 1][k] - c)));
}

const LOW = 0.05;
const HIGH = 0.95;
const MEANING = {
  z: 'update gate: near 0 keeps the old state, near 1 takes the candidate',
  r: 'reset gate: near 0 hides h_t−1 from the candidate',
  i: 'input gate: how much of the candidate is written to the cell',
  f: 'forget gate: near 1 keeps the cell',
  o: 'output gate: how much of the cell is shown in h_t',
};

/** Printable form of one character under its column. */
function showChar(c) {
  if (c === ' ') return '␣';
  if (c === '\n') return '↵';
  if (c === '\t') return '⇥';
  return c;
}

/** Rows (T, H) of a gate from number[T][H] or a flat row-major array of T*H values. */
function asRows(values, T) {
  if (Array.isArray(values) && Array.isArray(values[0])) return values;
  const H = values.length / T;
  if (!Number.isInteger(H)) throw new Error(`lab-gates: a gate has ${values.length} values, not a multiple of T = ${T}`);
  return Array.from({ length: T }, (_, t) => Array.from(values.slice(t * H, (t + 1) * H)));
}

/** Each gate's mean value and saturated share: "l0.z mean 0.45, 12% saturated; …". */
function gatesSummary(gates) {
  return gates.map((g) => {
    const values = g.rows.flat();
    const mean = values.reduce((a, v) => a + v, 0) / (values.length || 1);
    const saturated = values.filter((v) => v < LOW || v > HIGH).length / (values.length || 1);
    return `${g.name} mean ${formatValue(mean)}, ${formatValue(100 * saturated)}% saturated`;
  }).join('; ');
}

export class GatesView {
  constructor(container) {
    const { figure } = viewFrame(container, 'Gate activations over a text snippet', [
      para('Each row is one unit of one gate, each column one character of the snippet; the colour is the gate\'s value ',
        'between 0 (dark) and 1 (light). Read along a row to see when a unit opens and closes.'),
      para('GRU (the notes\' convention, h', sub('t'), ' = (1 − z', sub('t'), ') ⊙ h', sub('t−1'), ' + z', sub('t'), ' ⊙ h̃',
        sub('t'), '): z near 0 keeps the old state and lets the gradient through; r near 0 makes the candidate ignore h',
        sub('t−1'), '. (PyTorch\'s z is our 1 − z.) LSTM: f near 1 keeps the cell, i decides what is written, o what is shown.'),
      para('A saturated unit (below 0.05 or above 0.95) has σ′ = σ(1 − σ) below 0.048, so little gradient reaches that ',
        'gate\'s own weights through it. The lower chart follows the share of saturated units as training goes on.'),
    ]);
    this.readoutId = `lab-gates-readout-${Math.random().toString(36).slice(2, 8)}`;
    this.box = el('div', { class: 'heatmap', tabindex: '0', 'data-chart': 'gates',
      'aria-label': 'gate heatmap: one row per gate unit, one column per character; arrow keys move the cursor, ' +
        'Page Up and Page Down jump a gate', 'aria-describedby': this.readoutId });
    this.readout = el('p', { class: 'lab-readout', id: this.readoutId, 'aria-live': 'polite' },
      'hover over a cell, or focus the heatmap and use the arrow keys');
    this.saturation = new LabChart(el('div', { class: 'chart-box', 'data-chart': 'saturation' }), {
      height: 170, yMin: 0, xLabel: 'training step', yLabel: 'saturated share',
      label: 'share of saturated gate units over training' });
    figure.append(this.box, this.readout, this.saturation.container);
    this.table = new DataTable(this.box, { caption: 'gate values: one row per gate unit, one column per character' });
    this.data = null;
    this.cursor = { row: 0, col: 0 };
    this.box.addEventListener('keydown', (e) => this.onKey(e));
    this.box.addEventListener('focus', () => this.show());
    this.box.addEventListener('mousemove', (e) => this.onPointer(e));
    this.observed = observedWidth(this.box, 420, () => this.render());
  }

  update(data) {
    const T = data.text.length;
    const gates = Object.entries(data.gates).map(([name, values]) => ({ name, rows: asRows(values, T) }));
    const units = gates.flatMap((g) => Array.from({ length: g.rows[0]?.length || 0 }, (_, u) => ({ gate: g.name, unit: u,
      values: g.rows.map((row) => row[u]) })));
    this.data = { text: data.text, gates, units };
    this.cursor = { row: Math.min(this.cursor.row, units.length - 1), col: Math.min(this.cursor.col, T - 1) };
    this.render();
    if (data.saturation) {
      const points = data.saturation.map((p) => [p.step, p.share]);
      const [first, last] = [points[0], points.at(-1)];
      this.saturation.draw({ lines: [{ name: 'saturated', label: 'share of gate units < 0.05 or > 0.95',
        style: { color: '#b05a8a', marker: 'circle' }, points }],
      summary: last ? `${formatValue(100 * last[1])}% saturated at step ${formatX(last[0])}` +
        (points.length > 1 ? ` (${formatValue(100 * first[1])}% at step ${formatX(first[0])})` : '') : '' });
    }
  }

  render() {
    if (!this.data) return;
    const { text, units, gates } = this.data;
    const T = text.length;
    const R = units.length;
    const width = this.observed.px;
    const left = 64;
    const cw = Math.max(4, (width - left - 8) / T);
    const rh = Math.max(0.75, Math.min(12, 300 / R));
    const top = 4;
    const heat = { x: left, y: top, w: cw * T, h: rh * R };
    const height = Math.ceil(heat.y + heat.h + 66);
    const svg = svgEl('svg', { ...exactSize(Math.ceil(left + heat.w + 8), height), class: 'chart heatmap-svg',
      'data-columns': T, 'data-rows': R });
    describeChart(svg, `gate values: ${R} gate units by ${T} characters`, gatesSummary(gates));
    keepOutUntilMeasured(svg, this.observed);
    this.table.show(() => [['gate unit', ...[...text].map((c, t) => `${t + 1} '${showChar(c)}'`)],
      units.map((u) => [`${u.gate} unit ${u.unit}`, ...u.values.map(formatValue)])]);
    // The cells: one pixel per (unit, character) on a canvas, scaled up in the SVG without smoothing.
    const canvas = document.createElement('canvas');
    canvas.width = T;
    canvas.height = R;
    const ctx = canvas.getContext('2d');
    const image = ctx.createImageData(T, R);
    units.forEach((u, r) => u.values.forEach((v, t) => {
      const [cr, cg, cb] = viridis(v);
      const k = 4 * (r * T + t);
      image.data[k] = cr; image.data[k + 1] = cg; image.data[k + 2] = cb; image.data[k + 3] = 255;
    }));
    ctx.putImageData(image, 0, 0);
    svg.append(svgEl('image', { href: canvas.toDataURL(), x: heat.x, y: heat.y, width: heat.w, height: heat.h,
      preserveAspectRatio: 'none', class: 'heat-cells' }));
    // Gate names at the left of their block, a line between blocks.
    let row = 0;
    for (const g of gates) {
      const H = g.rows[0]?.length || 0;
      const y = heat.y + row * rh;
      svg.append(svgEl('text', { x: left - 6, y: y + Math.min(H * rh, 24) / 2 + 4, class: 'tick', 'text-anchor': 'end' },
        g.name));
      if (row > 0) svg.append(svgEl('line', { x1: left - 40, x2: left + heat.w, y1: y, y2: y, class: 'gate-divider' }));
      row += H;
    }
    // The characters, one per column.
    const chars = svgEl('g', { class: 'heat-chars' });
    [...text].forEach((c, t) => {
      chars.append(svgEl('text', { x: heat.x + (t + 0.5) * cw, y: heat.y + heat.h + 14, 'text-anchor': 'middle',
        class: 'heat-char', 'data-column': t }, showChar(c)));
    });
    svg.append(chars);
    // The colour key: 0 .. 1 with the saturation limits marked.
    const key = { x: left, y: heat.y + heat.h + 26, w: Math.min(160, heat.w), h: 8 };
    const gradientId = `${this.readoutId}-key`;
    const defs = svgEl('defs');
    const gradient = svgEl('linearGradient', { id: gradientId });
    VIRIDIS.forEach((c, i) => gradient.append(svgEl('stop', { offset: i / (VIRIDIS.length - 1), 'stop-color': `rgb(${c.join(',')})` })));
    defs.append(gradient);
    svg.append(defs, svgEl('rect', { x: key.x, y: key.y, width: key.w, height: key.h, fill: `url(#${gradientId})` }));
    for (const v of [0, LOW, 0.5, HIGH, 1]) {
      const x = key.x + v * key.w;
      svg.append(svgEl('line', { x1: x, x2: x, y1: key.y + key.h, y2: key.y + key.h + 3, class: 'axis' }));
    }
    svg.append(svgEl('text', { x: key.x, y: key.y + key.h + 13, class: 'tick' }, '0'),
      svgEl('text', { x: key.x + key.w, y: key.y + key.h + 13, class: 'tick', 'text-anchor': 'end' }, '1'),
      svgEl('text', { x: key.x + key.w / 2, y: key.y + key.h + 13, class: 'tick', 'text-anchor': 'middle' }, 'gate value'),
      svgEl('text', { x: key.x, y: key.y + key.h + 26, class: 'tick' }, 'ticks at 0.05 and 0.95: the saturation limits'));
    this.cursorRect = svgEl('rect', { class: 'heat-cursor', width: cw, height: Math.max(rh, 2) });
    svg.append(this.cursorRect);
    this.geometry = { heat, cw, rh };
    this.box.replaceChildren(svg);
    this.placeCursor();
  }

  placeCursor() {
    if (!this.geometry || !this.cursorRect) return;
    const { heat, cw, rh } = this.geometry;
    this.cursorRect.setAttribute('x', heat.x + this.cursor.col * cw);
    this.cursorRect.setAttribute('y', heat.y + this.cursor.row * rh - (rh < 2 ? (2 - rh) / 2 : 0));
  }

  /** Writes the value under the cursor into the readout (a live region). */
  show() {
    if (!this.data) return;
    const { units, text } = this.data;
    const u = units[this.cursor.row];
    const t = this.cursor.col;
    const v = u.values[t];
    const state = v < LOW ? ' (saturated low)' : v > HIGH ? ' (saturated high)' : '';
    const gateLetter = u.gate.split('.').pop();
    this.readout.textContent = `${u.gate} unit ${u.unit}, t = ${t + 1}, character '${showChar(text[t])}': ` +
      `${formatValue(v)}${state}${MEANING[gateLetter] ? ` · ${MEANING[gateLetter]}` : ''}`;
    this.box.dataset.cursor = `${this.cursor.row},${t}`;
    this.placeCursor();
  }

  onKey(e) {
    if (!this.data) return;
    const R = this.data.units.length;
    const T = this.data.text.length;
    const H = this.data.gates[0]?.rows[0]?.length || 1;
    const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0], PageUp: [-H, 0],
      PageDown: [H, 0], Home: [0, -T], End: [0, T] };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    this.cursor = { row: Math.min(R - 1, Math.max(0, this.cursor.row + move[0])),
      col: Math.min(T - 1, Math.max(0, this.cursor.col + move[1])) };
    this.show();
  }

  onPointer(e) {
    if (!this.geometry) return;
    const svg = this.box.querySelector('svg');
    const box = svg.getBoundingClientRect();
    const scale = svg.viewBox.baseVal.width / box.width;
    const x = (e.clientX - box.left) * scale;
    const y = (e.clientY - box.top) * scale;
    const { heat, cw, rh } = this.geometry;
    if (x < heat.x || x >= heat.x + heat.w || y < heat.y || y >= heat.y + heat.h) return;
    this.cursor = { row: Math.floor((y - heat.y) / rh), col: Math.floor((x - heat.x) / cw) };
    this.show();
  }
}
