// View 5, gradient clipping: the gradient norm before clipping over training (log y), theta as a line,
// the clipped steps marked, the share of clipped steps; a toggle to train without clipping.
// Data (message lab-clip): { theta, points: [{step, gradNorm, clipped}], clipShare, lr?, perplexity?, diverged? }
//   theta: the threshold, or null/0/Infinity when clipping is off; lr: the run's SGD step; perplexity: its
//   last training perplexity (null when exp of the loss overflows); diverged: the engine's message when the
//   run stopped. The note under the chart is written here from those numbers.
import { LabChart } from './lab-chart.js';
import { el, viewFrame, para, formatValue } from './dom.js';

// A long run is drawn as at most this many points: the largest norm of each run of consecutive steps, so that
// the spikes (what clipping is about) stay visible while the chart stays fast.
const MAX_POINTS = 1200;

/** Keeps, of each of about `max` equal runs of consecutive points, the one with the largest gradNorm. */
export function maxPerBucket(points, max) {
  if (points.length <= max) return points;
  const size = Math.ceil(points.length / max);
  const out = [];
  for (let i = 0; i < points.length; i += size) {
    let best = points[i];
    for (let j = i + 1; j < Math.min(points.length, i + size); j++) {
      if (!(points[j].gradNorm <= best.gradNorm)) best = points[j];  // NaN and Infinity win: they must show
    }
    out.push(best);
  }
  return out;
}

/** "‖g‖ over 2,000 steps: largest 12 at step 340, last 0.9; θ = 1, 12.0% of the steps clipped". */
function clipSummary(shown, steps, theta, share) {
  if (!shown.length) return 'no steps yet';
  const largest = shown.reduce((a, p) => (!(p.gradNorm <= a.gradNorm) ? p : a));
  const last = shown.at(-1);
  return `‖g‖ over ${steps.toLocaleString('en')} steps: largest ${formatValue(largest.gradNorm)} at step ` +
    `${largest.step.toLocaleString('en')}, last ${formatValue(last.gradNorm)}; ` +
    (theta ? `θ = ${formatValue(theta)}, ${(100 * share).toFixed(1)}% of the steps clipped` : 'clipping off');
}

/** What the clipping run says: why it stopped, or its perplexity (a blow-up shows there before the loss is infinite). */
function clipNote({ clippingOn, lr, perplexity, points, diverged }) {
  if (diverged) return `${diverged} Training of this RNN stopped; switch clipping on (or off again) to start a new run.`;
  if (!points.length || lr === undefined) return undefined;
  const ppl = perplexity === null ? 'beyond 1e308 (exp of the loss overflows)'
    : perplexity < 1e4 ? perplexity.toFixed(2) : perplexity.toExponential(1);
  return `This RNN (SGD, lr ${lr}, clipping ${clippingOn ? 'on' : 'off'}): training perplexity ${ppl} after ` +
    `${points.at(-1).step} steps.`;
}

export class ClipView {
  /** @param {{onClipToggle?: (on: boolean) => void}} callbacks */
  constructor(container, { onClipToggle } = {}) {
    const { figure } = viewFrame(container, 'Gradient clipping', [
      para('Clipping rescales the whole gradient g (all parameters together) to g · min(1, θ/‖g‖): the direction is kept, ',
        'only the length is capped at θ. The curve is ‖g‖ before clipping; the marked steps lie above θ and were scaled down.'),
      para('An exploding gradient shows up as rare spikes far above the rest. Without clipping, one such step can throw ',
        'the weights far away. The toggle and the step size start a new run of a plain RNN (128 units, SGD). ',
        'With D2L\'s lr 1 on The Time Machine the norm stays near θ = 1 and the run trains about as well without clipping ',
        '(we measured a largest norm of 1.2 over 2,000 steps). With lr 3 and clipping off it blows up: in our run the ',
        'training perplexity passed 10^60 within 12 s (with clipping about 180; with lr 10 both runs fail). ',
        'If the loss or the gradient becomes infinite or NaN, the run stops and the last finite weights are restored.'),
      para('If almost every step is clipped, plain SGD moves θ·lr per step whatever ‖g‖ is: θ then acts like a ',
        'smaller learning rate.'),
    ]);
    this.onClipToggle = onClipToggle;
    this.toggle = el('input', { type: 'checkbox', id: 'lab-clip-on', checked: true });
    // The learning rate of the run (the page's worker trains a plain RNN with SGD): D2L's 1, and larger
    // steps, where the norm passes theta often and the run without clipping blows up.
    this.lr = el('select', { id: 'lab-clip-lr' }, ...['1', '3', '10'].map((v) => el('option', { value: v }, `lr ${v}`)));
    const emit = () => this.onClipToggle?.(this.toggle.checked, Number(this.lr.value));
    this.toggle.addEventListener('change', emit);
    this.lr.addEventListener('change', emit);
    figure.append(el('div', { class: 'lab-controls' }, el('label', {}, this.toggle, ' clip gradients at θ'),
      el('label', { for: 'lab-clip-lr' }, 'SGD step'), this.lr));
    this.chart = new LabChart(el('div', { class: 'chart-box', 'data-chart': 'clip' }), {
      logY: true, xLabel: 'training step', yLabel: '‖g‖ before clipping',
      label: 'gradient norm before clipping over training, with the clipping threshold theta' });
    this.readout = el('p', { class: 'lab-readout', 'aria-live': 'polite' });
    this.message = el('p', { class: 'message', role: 'status', hidden: true });
    figure.append(this.chart.container, this.readout, this.message);
  }

  update({ theta, points, clipShare, lr, perplexity, diverged }) {
    const clippingOn = Number.isFinite(theta) && theta > 0;
    const share = Number.isFinite(clipShare) ? clipShare : points.filter((p) => p.clipped).length / (points.length || 1);
    const shown = maxPerBucket(points, MAX_POINTS);
    const line = shown.map((p) => [p.step, p.gradNorm]);
    const clippedSteps = new Set(shown.filter((p) => p.clipped).map((p) => p.step));
    this.chart.draw({
      lines: [{ name: 'gradNorm', label: shown.length < points.length ? '‖g‖ (largest of each run of steps)' : '‖g‖',
        style: { color: '#0072b2' }, points: line,
        highlight: shown.filter((p) => p.clipped).map((p) => [p.step, p.gradNorm]) }],
      references: clippingOn ? [{ y: theta, label: `θ = ${formatValue(theta)}` }] : [],
      summary: clipSummary(shown, points.length, clippingOn ? theta : null, share),
      table: (drawn) => [['training step', drawn[0].label, 'clipped'], drawn[0].points.map(([step, norm]) =>
        [step, formatValue(norm), clippedSteps.has(step) ? 'yes' : 'no'])],
    });
    this.readout.textContent = clippingOn
      ? `θ = ${formatValue(theta)}: ${(100 * share).toFixed(1)}% of ${points.length} steps clipped`
      : `clipping is off: ${points.length} steps, none clipped`;
    const message = clipNote({ clippingOn, lr, perplexity, points, diverged });
    this.message.hidden = !message;
    this.message.textContent = message || '';
  }
}
