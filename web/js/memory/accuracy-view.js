// Chart (a): answer accuracy on the validation samples against training steps, one curve per contestant,
// with the chance line (1 / number of possible answers); a toggle shows the answer loss instead, with the
// chance loss ln(number of answers). Data: the 'memory-update' message (web/js/protocol.js, MemoryUpdate).
import { LabChart } from '../lab/lab-chart.js';
import { el, formatValue } from '../lab/dom.js';
import { CONTESTANT_STYLES } from './styles.js';
import { thin, formatPercent } from './race-data.js';

/** Points drawn per curve (a long race is thinned; the chart redraws in a few ms). */
const MAX_POINTS = 300;

export class AccuracyView {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.metric = 'accuracy';
    const radio = (value, text) => {
      const input = el('input', { type: 'radio', name: 'memory-metric', id: `memory-metric-${value}`, value,
        checked: value === this.metric });
      input.addEventListener('change', () => { if (input.checked) { this.metric = value; this.render(); } });
      return el('label', { for: `memory-metric-${value}` }, input, ` ${text}`);
    };
    const toggle = el('fieldset', { class: 'memory-toggle' }, el('legend', {}, 'show'),
      radio('accuracy', 'answer accuracy'), radio('loss', 'answer loss'));
    this.box = el('div', { class: 'chart-box', 'data-chart': 'memory-accuracy' });
    this.figure = el('figure', { class: 'memory-figure' },
      el('figcaption', { id: 'memory-accuracy-title' }, 'Answer accuracy against training steps'), toggle, this.box);
    container.append(this.figure);
    this.chart = new LabChart(this.box, { xLabel: 'training step (minibatches of 32 samples)', yLabel: 'answer accuracy',
      yMin: 0, height: 280, width: 620, label: 'answer accuracy on the validation samples against training steps, one curve per model, and the chance line',
      tableCaption: 'the drawn curves: one row per training step, one column per model' });
    this.data = null;
  }

  update(data) {
    this.data = data;
    this.render();
  }

  render() {
    const data = this.data;
    if (!data) return;
    const loss = this.metric === 'loss';
    const key = loss ? 'answerLoss' : 'answerAccuracy';
    this.chart.options.yLabel = loss ? 'answer loss (nats)' : 'answer accuracy';
    this.chart.options.label = loss
      ? 'answer loss on the validation samples against training steps, one curve per model, and the chance loss'
      : 'answer accuracy on the validation samples against training steps, one curve per model, and the chance line';
    this.chart.options.yMin = 0;
    const lines = data.contestants.map((c) => ({ name: c.id, label: c.label, style: CONTESTANT_STYLES[c.id],
      points: thin(c.curve, MAX_POINTS).map((p) => [p.step, p[key]]) }));
    const chance = loss
      ? { y: data.chanceLoss, label: `chance: ln ${Math.round(1 / data.chanceAccuracy)} = ${formatValue(data.chanceLoss)}` }
      : { y: data.chanceAccuracy, label: `chance ${formatPercent(data.chanceAccuracy)}` };
    const references = loss ? [chance] : [chance, { y: data.target, label: `${formatPercent(data.target)}` }];
    // The text alternative: each model's latest value, and the chance level.
    const show = loss ? formatValue : formatPercent;
    const latest = lines.filter((l) => l.points.length).map((l) => `${l.label} ${show(l.points.at(-1)[1])}`);
    const steps = Math.max(0, ...lines.map((l) => l.points.at(-1)?.[0] ?? 0));
    const summary = latest.length ? `${loss ? 'answer loss' : 'answer accuracy'} after ${steps.toLocaleString('en')} steps: `
      + `${latest.join(', ')}; ${chance.label}` : 'no steps trained yet';
    this.chart.draw({ lines, references, summary });
    this.box.dataset.metric = this.metric;
    this.box.dataset.chance = String(chance.y);
  }
}
