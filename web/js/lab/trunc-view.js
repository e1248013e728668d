// View 4, truncation side by side: the same model and seed trained with full BPTT, fixed truncation every
// tau steps and randomized truncation (keep a step with probability pi, scale it by 1/pi; docs/math.md §5).
// Their training curves on one chart, their gradient-flow curves on another, the randomized one's spread
// over several draws as a band. The Start button asks the worker for the comparison.
// Data (message lab-trunc): { tau?, pi?, runs: { full: {curve: [{tokens, perplexity}], flow: number[T]},
//   fixed: {...}, random: {..., flowBand: {lo: number[T], hi: number[T]}} } }; flow[t-1] = ||dl_T/dh_t||.
import { LabChart, STYLES } from './lab-chart.js';
import { el, viewFrame, para, sub, formatValue } from './dom.js';
import { fallOver, formatX } from '../charts/chart-text.js';

const RUNS = ['full', 'fixed', 'random'];

export class TruncView {
  /** @param {{onTruncStart?: (options: {tau: number, pi: number}) => void}} callbacks */
  constructor(container, { onTruncStart } = {}) {
    const { figure } = viewFrame(container, 'Truncated backpropagation, side by side', [
      para('full: the gradient flows back through all T steps of the subsequence (the state is detached between ',
        'minibatches). fixed τ: the recurrence is cut every τ steps, so ∂ℓ', sub('T'), '/∂h', sub('t'),
        ' is exactly 0 beyond the last cut and its flow curve stops there.'),
      para('random π: each step is kept with probability π and then scaled by 1/π, so the expected gradient equals the ',
        'full one (no bias); a single draw is either cut or amplified, which adds variance. The band spans the draws ',
        '(where a draw is 0 the log axis cannot show it).'),
      para('D2L (§9.7) reports that in practice randomized truncation does not work much better than regular truncation; ',
        'one reason is that its added variance offsets the more accurate expected gradient. Compare the three training ',
        'curves of your run: same model, same seed, same data order.'),
    ]);
    this.onTruncStart = onTruncStart;
    this.tau = el('input', { type: 'number', min: '1', max: '1000', step: '1', value: '10', id: 'lab-tau' });
    this.pi = el('input', { type: 'number', min: '0.01', max: '1', step: '0.05', value: '0.5', id: 'lab-pi' });
    this.start = el('button', { type: 'button', id: 'lab-trunc-start' }, 'Run the comparison');
    this.error = el('p', { class: 'message error', role: 'alert', hidden: true });
    this.start.addEventListener('click', () => this.emit());
    figure.append(el('div', { class: 'lab-controls' },
      el('label', { for: 'lab-tau' }, 'fixed: cut every τ steps'), this.tau,
      el('label', { for: 'lab-pi' }, 'random: π, the probability of keeping a step'), this.pi, this.start), this.error);
    this.curves = new LabChart(el('div', { class: 'chart-box', 'data-chart': 'trunc-train' }), {
      xLabel: 'tokens seen', yLabel: 'training perplexity', label: 'training perplexity against tokens for full, fixed and random truncation' });
    this.flows = new LabChart(el('div', { class: 'chart-box', 'data-chart': 'trunc-flow' }), {
      logY: true, xLabel: 'distance T − t', yLabel: '‖∂ℓ_T/∂h_t‖',
      label: 'gradient flow under full, fixed and random truncation, with the spread of the random draws' });
    figure.append(this.curves.container, this.flows.container);
  }

  emit() {
    const tau = Number(this.tau.value);
    const pi = Number(this.pi.value);
    const problems = [];
    if (!Number.isInteger(tau) || tau < 1 || tau > 1000) problems.push(`τ must be an integer in [1, 1000], got ${this.tau.value}`);
    if (!(pi > 0 && pi <= 1)) problems.push(`π must be in (0, 1], got ${this.pi.value}`);
    this.error.hidden = problems.length === 0;
    this.error.textContent = problems.join('; ');
    if (!problems.length) this.onTruncStart?.({ tau, pi });
  }

  label(key, data) {
    if (key === 'fixed' && data.tau) return `fixed τ = ${data.tau}`;
    if (key === 'random' && data.pi) return `random π = ${data.pi}`;
    return key;
  }

  update(data) {
    const runs = data.runs || {};
    const present = RUNS.filter((k) => runs[k]);
    const curveLines = present.filter((k) => runs[k].curve).map((k) => ({
      name: k, label: this.label(k, data), style: STYLES[k], points: runs[k].curve.map((p) => [p.tokens, p.perplexity]) }));
    this.curves.draw({ lines: curveLines, summary: curveLines.filter((l) => l.points.length).map((l) =>
      `${l.label}: perplexity ${formatValue(l.points.at(-1)[1])} after ${formatX(l.points.at(-1)[0])} tokens`).join('; ') });
    const lines = [];
    const bands = [];
    for (const k of present) {
      const flow = runs[k].flow;
      if (!flow) continue;
      const n = flow.length;
      lines.push({ name: k, label: this.label(k, data), style: STYLES[k], points: flow.map((v, i) => [n - 1 - i, v]) });
      const band = runs[k].flowBand;
      if (band) {
        bands.push({ name: k, color: STYLES[k].color, lo: band.lo.map((v, i) => [n - 1 - i, v]),
          hi: band.hi.map((v, i) => [n - 1 - i, v]) });
      }
    }
    this.flows.draw({ lines, bands, summary: lines.map((l) => `${l.label} ${fallOver(l.points)}`).join('; ') });
  }
}
