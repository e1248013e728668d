// View 2, the linear RNN of the notes (phi = identity): the rho slider (W_hh's spectral radius, 0.5..1.5),
// the measured ||dl_T/dh_t|| beside the prediction ||dl_T/dh_T|| * rho^(T-t), the measured radius and the
// per-step factor fitted to the curve, and the unrolled gradient formula (MathML, no web font).
// Data (message lab-linear): { rho, measuredRho, T, norms: number[T] }.
import { LabChart, STYLES } from './lab-chart.js';
import { el, viewFrame, para, sub, sup, formatValue } from './dom.js';
import { fallOver } from '../charts/chart-text.js';

// Static markup (no data in it): the unrolled sum of docs/math.md §5 and its last-step-only form.
const FORMULA = `
<math display="block"><mfrac><mrow><mo>∂</mo><mi>L</mi></mrow><mrow><mo>∂</mo><msub><mi>h</mi><mi>t</mi></msub></mrow></mfrac>
<mo>=</mo><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mi>t</mi></mrow><mi>T</mi></munderover>
<msup><mrow><mo>(</mo><msubsup><mi>W</mi><mi>hh</mi><mo>⊤</mo></msubsup><mo>)</mo></mrow><mrow><mi>T</mi><mo>−</mo><mi>i</mi></mrow></msup>
<msubsup><mi>W</mi><mi>qh</mi><mo>⊤</mo></msubsup>
<mfrac><mrow><mo>∂</mo><mi>L</mi></mrow><mrow><mo>∂</mo><msub><mi>o</mi><mrow><mi>T</mi><mo>+</mo><mi>t</mi><mo>−</mo><mi>i</mi></mrow></msub></mrow></mfrac></math>
<math display="block"><mfrac><mrow><mo>∂</mo><msub><mi>ℓ</mi><mi>T</mi></msub></mrow><mrow><mo>∂</mo><msub><mi>h</mi><mi>t</mi></msub></mrow></mfrac>
<mo>=</mo><msup><mrow><mo>(</mo><msubsup><mi>W</mi><mi>hh</mi><mo>⊤</mo></msubsup><mo>)</mo></mrow><mrow><mi>T</mi><mo>−</mo><mi>t</mi></mrow></msup>
<msubsup><mi>W</mi><mi>qh</mi><mo>⊤</mo></msubsup>
<mfrac><mrow><mo>∂</mo><msub><mi>ℓ</mi><mi>T</mi></msub></mrow><mrow><mo>∂</mo><msub><mi>o</mi><mi>T</mi></msub></mrow></mfrac></math>`;

export class LinearView {
  /** @param {{onRho?: (rho: number) => void}} callbacks */
  constructor(container, { onRho } = {}) {
    const { figure } = viewFrame(container, 'The linear RNN: powers of Wₕₕᵀ', [
      para('With φ = identity the recurrence is linear and the gradient unrolls into the sum of the first formula: the error at output ',
        'o', sub('T+t−i'), ' reaches h', sub('t'), ' through the (T−i)-th power of W', sub('hh'), sup('⊤'), '.'),
      para('With the loss of the last step only, one term is left (second line). Its norm changes by a factor close to ',
        'ρ per step back once T − t is large (ρ = the spectral radius, the largest |eigenvalue| of W', sub('hh'), '); exactly ρ ',
        'when W', sub('hh'), ' is ρ times an orthogonal matrix.'),
      para('Move the slider across 1: below 1 the curve falls (vanishing gradient), above 1 it rises (exploding gradient), ',
        'and near 1 it stays roughly level. The dashed line is the prediction; where the solid curve follows it, the powers of W', sub('hh'),
        sup('⊤'), ' are all there is.'),
    ]);
    this.onRho = onRho;
    this.slider = el('input', { type: 'range', min: '0.5', max: '1.5', step: '0.01', value: '0.9', id: 'lab-rho',
      'aria-describedby': 'lab-rho-value' });
    this.sliderValue = el('output', { id: 'lab-rho-value', for: 'lab-rho' }, '0.90');
    this.slider.addEventListener('input', () => this.emit());
    const control = el('div', { class: 'lab-controls' },
      el('label', { for: 'lab-rho' }, 'spectral radius ρ of W', el('sub', {}, 'hh')), this.slider, this.sliderValue);
    this.chart = new LabChart(el('div', { class: 'chart-box', 'data-chart': 'linear' }), {
      logY: true, xLabel: 'distance T − t', yLabel: '‖∂ℓ_T/∂h_t‖',
      label: 'linear RNN: measured gradient norm and the prediction rho to the power T minus t' });
    this.readout = el('p', { class: 'lab-readout', 'aria-live': 'polite' });
    const formula = el('div', { class: 'lab-formula', role: 'math',
      'aria-label': 'dL/dh_t = sum over i from t to T of (W_hh transposed)^(T-i) W_qh transposed dL/do_(T+t-i); ' +
        'with the last step loss only: dl_T/dh_t = (W_hh transposed)^(T-t) W_qh transposed dl_T/do_T' });
    formula.innerHTML = FORMULA;
    figure.append(control, this.chart.container, this.readout, formula);
    this.framePending = false;
  }

  /** Emits onRho at most once per animation frame while the slider moves. */
  emit() {
    this.sliderValue.textContent = Number(this.slider.value).toFixed(2);
    if (this.framePending) return;
    this.framePending = true;
    requestAnimationFrame(() => {
      this.framePending = false;
      this.onRho?.(Number(this.slider.value));
    });
  }

  update({ rho, measuredRho, T, norms }) {
    if (Number.isFinite(rho) && document.activeElement !== this.slider) {
      this.slider.value = String(rho);
      this.sliderValue.textContent = rho.toFixed(2);
    }
    const n = Math.min(T ?? norms.length, norms.length);
    const measured = norms.slice(0, n).map((v, i) => [n - 1 - i, v]);
    const anchor = norms[n - 1];
    const radius = Number.isFinite(measuredRho) ? measuredRho : rho;
    const prediction = measured.map(([d]) => [d, anchor * radius ** d]);
    this.chart.draw({ lines: [
      { name: 'measured', label: 'measured', style: STYLES.measured, points: measured },
      { name: 'prediction', label: `prediction ‖∂ℓ_T/∂h_T‖·ρ^(T−t), ρ = ${formatValue(radius)}`, style: STYLES.prediction,
        points: prediction },
    ], summary: `ρ = ${formatValue(radius)}: measured ${fallOver(measured)} back from t = T, prediction ${fallOver(prediction)}` });
    // The per-step factor the curve shows: the geometric mean of norm ratios over the window.
    const factor = n > 1 && norms[0] > 0 && anchor > 0 ? (norms[0] / anchor) ** (1 / (n - 1)) : NaN;
    const parts = [];
    if (Number.isFinite(rho)) parts.push(`ρ set ${formatValue(rho)}`);
    if (Number.isFinite(measuredRho)) parts.push(`measured ${formatValue(measuredRho)}`);
    if (Number.isFinite(factor)) parts.push(`the curve changes by ×${formatValue(factor)} per step on average over ${n - 1} steps`);
    this.readout.textContent = parts.join('; ');
  }
}
