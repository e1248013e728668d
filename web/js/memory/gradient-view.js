// Chart (b): ‖∂ℓ_answer/∂h_t‖ against the input step t, log y: how strongly the loss at the answer reacts to
// each hidden state of the sample, for every contestant, before training (dotted) and now (its own
// style), with the key's step and the answer's step marked. For the answer to depend on the key, this
// gradient must reach back to the key's step: a curve that falls by many decades before it gets there
// leaves the key's weights nothing to learn from.
import { LabChart } from '../lab/lab-chart.js';
import { el, formatValue } from '../lab/dom.js';
import { fallOver, formatX } from '../charts/chart-text.js';
import { CONTESTANT_STYLES, initStyle } from './styles.js';

export class GradientView {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.showInit = el('input', { type: 'checkbox', id: 'memory-flow-init', checked: true });
    this.showInit.addEventListener('change', () => this.render());
    this.box = el('div', { class: 'chart-box', 'data-chart': 'memory-gradient' });
    this.readout = el('p', { class: 'lab-readout', 'aria-live': 'polite' });
    this.figure = el('figure', { class: 'memory-figure' },
      el('figcaption', {}, 'The answer\'s gradient back to the key: ‖∂ℓ', el('sub', {}, 'answer'), '/∂h', el('sub', {}, 't'), '‖'),
      el('div', { class: 'lab-controls' }, el('label', { for: 'memory-flow-init', class: 'memory-check' }, this.showInit,
        ' also at initialisation (dotted)')),
      this.box, this.readout);
    container.append(this.figure);
    this.chart = new LabChart(this.box, { logY: true, height: 280, width: 620,
      xLabel: 'input step t of the sample (the key at the marked step)', yLabel: '‖∂ℓ_answer/∂h_t‖',
      label: 'norm of the gradient of the answer loss with respect to the hidden state at each input step, per model, now and at initialisation, with the key step marked',
      tableCaption: '‖∂ℓ_answer/∂h_t‖ per input step t, as drawn' });
    this.data = null;
  }

  update(data) {
    this.data = data;
    this.render();
  }

  render() {
    const data = this.data;
    if (!data) return;
    const { keyPosition, keyRange, answerPositions } = data.task;
    const lines = [];
    if (this.showInit.checked) {
      for (const c of data.contestants) {
        lines.push({ name: `${c.id}:init`, label: `${c.label} at init`, style: initStyle(c.id),
          points: c.flowInit.map((v, t) => [t, v]) });
      }
    }
    for (const c of data.contestants) {
      lines.push({ name: c.id, label: c.label, style: CONTESTANT_STYLES[c.id], points: c.flowNow.map((v, t) => [t, v]) });
    }
    const answer = answerPositions?.at(-1);
    // Where the evidence varies between samples (temporal-order's first marker), its latest step too.
    const latest = data.task.task !== 'copy' && keyRange && keyRange[1] !== keyPosition ? keyRange[1] : null;
    const verticals = [{ x: keyPosition, label: latest === null ? 'key' : 'key (earliest)', name: 'key' },
      ...(latest !== null ? [{ x: latest, label: 'key (latest)', name: 'key-latest' }] : []),
      ...(Number.isFinite(answer) ? [{ x: answer, label: 'answer', name: 'answer' }] : [])];
    // How much of the answer's gradient is left at the key: the ratio key / answer, now.
    this.readout.textContent = Number.isFinite(answer) ? `At the key (t = ${keyPosition}) as a fraction of the gradient at the answer (t = ${answer}): `
      + data.contestants.map((c) => `${c.label} ${ratio(c.flowNow, keyPosition, answer)}`).join(' · ') : '';
    const summary = Number.isFinite(answer) ? `from the answer (t = ${answer}) back to the key (t = ${keyPosition}), now: `
      + data.contestants.map((c) => `${c.label} ${fallOver(c.flowNow.map((v, t) => [t, v])
        .filter(([t]) => t >= keyPosition && t <= answer), true)}`).join('; ') : '';
    // The table: the drawn curves, one row per step t, the key's and the answer's steps named.
    const table = (drawn) => {
      const rows = new Map();
      drawn.forEach((d, i) => d.points.forEach(([t, v]) => {
        if (!rows.has(t)) rows.set(t, new Array(drawn.length).fill(''));
        rows.get(t)[i] = formatValue(v);
      }));
      return [['t', ...drawn.map((d) => d.label)], [...rows].sort((a, b) => a[0] - b[0]).map(([t, cells]) =>
        [t === keyPosition ? `${formatX(t)} (key)` : t === answer ? `${formatX(t)} (answer)` : formatX(t), ...cells])];
    };
    this.chart.draw({ lines, verticals, summary, table });
    this.box.dataset.keyPosition = String(keyPosition);
  }
}

function ratio(norms, key, answer) {
  const a = norms[answer];
  const k = norms[key];
  return a > 0 && Number.isFinite(k) ? formatValue(k / a) : '—';
}
