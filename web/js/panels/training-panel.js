// The recurrent-network panel: Start / Pause / Reset, a live chart of train and validation perplexity
// against tokens seen (log y) with the chosen n-gram's validation perplexity as a reference line, the
// speed and gradient numbers, and the generation box (text, and per step the top next-token probabilities).
import { LineChart } from '../charts/line-chart.js';
import { formatNumber, formatProbability } from '../charts/svg.js';

function fixed(value, digits) {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

export class TrainingPanel {
  /**
   * @param {HTMLElement} root
   * @param {{onStart: () => void, onPause: () => void, onReset: () => void, onGenerate: () => void}} actions
   */
  constructor(root, actions) {
    this.root = root;
    this.q = (selector) => root.querySelector(selector);
    this.chart = new LineChart(this.q('#train-chart'), { width: 640, height: 280, logY: true, xLabel: 'tokens seen',
      yLabel: 'perplexity', label: 'train and validation perplexity against tokens seen' });
    this.q('#train-start').addEventListener('click', () => actions.onStart());
    this.q('#train-pause').addEventListener('click', () => actions.onPause());
    this.q('#train-reset').addEventListener('click', () => actions.onReset());
    this.q('#gen-run').addEventListener('click', () => actions.onGenerate());
    this.lastVal = null;
    this.steps = [];
    this.q('#gen-output').addEventListener('mouseover', (event) => this.showStep(event.target));
    this.q('#gen-output').addEventListener('click', (event) => this.showStep(event.target));
  }

  showError(message) {
    const box = this.q('#train-error');
    box.textContent = message;
    box.hidden = !message;
  }

  setState(text, running) {
    this.q('#train-state').textContent = text;
    this.root.dataset.running = running ? 'true' : 'false';
  }

  /** A new trainer: the chart and numbers start over. */
  reset() {
    this.chart.clear();
    this.lastVal = null;
    for (const id of ['#m-tokens', '#m-epoch', '#m-train-ppl', '#m-val-ppl', '#m-speed', '#m-grad', '#m-clip']) {
      this.q(id).textContent = '—';
    }
    this.root.dataset.points = '0';
    this.root.dataset.trainers = String(Number(this.root.dataset.trainers || 0) + 1);
    this.setState('ready', false);
  }

  /** The n-gram's validation perplexity as a horizontal line. */
  setReference(label, perplexity) {
    this.chart.setReferences([{ y: perplexity, label, color: '#666' }]);
  }

  /** @param {import('../protocol.js').TrainProgress} p */
  progress({ report, valPerplexity, running }) {
    const tokens = report.tokens;
    if (Number.isFinite(report.perplexity)) this.chart.append('train', tokens, report.perplexity, { color: '#0072b2' });
    if (Number.isFinite(valPerplexity) && valPerplexity !== this.lastVal) {
      this.chart.append('validation', tokens, valPerplexity, { color: '#d55e00' });
      this.lastVal = valPerplexity;
    }
    this.q('#m-tokens').textContent = formatNumber(tokens);
    this.q('#m-epoch').textContent = fixed(report.epoch, 2);
    this.q('#m-train-ppl').textContent = fixed(report.perplexity, 2);
    this.q('#m-val-ppl').textContent = fixed(valPerplexity, 2);
    this.q('#m-speed').textContent = report.tokensPerS > 0 ? formatNumber(report.tokensPerS) : '—';
    this.q('#m-grad').textContent = fixed(report.gradNorm, 3);
    this.q('#m-clip').textContent = Number.isFinite(report.clipFraction) ? `${Math.round(report.clipFraction * 100)}%` : '—';
    this.root.dataset.points = String(Number(this.root.dataset.points || 0) + 1);
    this.root.dataset.lastTrainPpl = String(report.perplexity);
    this.root.dataset.tokens = String(tokens);
    if (!this.root.dataset.firstTrainPpl || this.root.dataset.points === '1') {
      this.root.dataset.firstTrainPpl = String(report.perplexity);
    }
    this.setState(running ? 'training…' : 'stopped', running);
  }

  /** @param {import('../protocol.js').TrainStopped} s */
  stopped(s) {
    const text = { paused: 'paused', done: 'done (epoch limit)', diverged: 'diverged', error: 'error' }[s.reason] || s.reason;
    this.setState(text, false);
    if (s.reason === 'diverged') {
      this.showError(`Stopped: ${s.message}. Change the settings and press Start to go on from there.`);
    } else if (s.reason === 'error') {
      this.showError(s.message);
    }
  }

  firstStep(ms) {
    const dd = this.q('#m-first-step');
    dd.textContent = `${Math.round(ms)} ms`;
    dd.dataset.ms = String(ms);
    dd.title = 'time from navigation to the first trained step';
  }

  /**
   * The generated text, one span per generated token (hover or click shows that step's top tokens). The
   * engine decodes the text (word tokens get their spaces there): each step's token is found in the text in
   * order, and whatever lies between tokens is shown as it is.
   * @param {import('../protocol.js').Generation} result
   */
  showGeneration(result) {
    const out = this.q('#gen-output');
    const text = result.text;
    const prefixEnd = text.length - result.generated.length;
    const prefixSpan = document.createElement('span');
    prefixSpan.className = 'prefix';
    prefixSpan.textContent = text.slice(0, prefixEnd);   // the prefix as the engine read it (preprocessed)
    this.steps = result.steps;
    const parts = [];
    let cursor = prefixEnd;
    for (const [i, step] of this.steps.entries()) {
      const at = text.indexOf(step.token, cursor);
      if (at < 0) break;
      if (at > cursor) parts.push(document.createTextNode(text.slice(cursor, at)));
      const span = document.createElement('span');
      span.className = 'gen-token';
      span.dataset.step = String(i);
      span.textContent = step.token;
      parts.push(span);
      cursor = at + step.token.length;
    }
    if (cursor < text.length) parts.push(document.createTextNode(text.slice(cursor)));
    out.replaceChildren(prefixSpan, ...parts);
    out.dataset.text = text;
    const first = out.querySelector('.gen-token');
    if (first) this.showStep(first);
  }

  showStep(target) {
    if (!(target instanceof HTMLElement) || target.dataset.step === undefined) return;
    const step = this.steps[Number(target.dataset.step)];
    if (!step) return;
    for (const s of this.q('#gen-output').querySelectorAll('.current')) s.classList.remove('current');
    target.classList.add('current');
    const table = this.q('#gen-step');
    table.hidden = false;
    table.querySelector('caption').textContent =
      `step ${Number(target.dataset.step) + 1}: drew '${step.token}'; the model's top next tokens`;
    table.tBodies[0].replaceChildren(...step.top.slice(0, 5).map((e) => {
      const tr = document.createElement('tr');
      if (e.token === step.token) tr.className = 'chosen';
      const a = document.createElement('td');
      a.textContent = e.token === ' ' ? '␣' : e.token;
      const b = document.createElement('td');
      b.textContent = formatProbability(e.p);
      const c = document.createElement('td');
      const bar = document.createElement('meter');
      bar.min = 0; bar.max = 1; bar.value = e.p;
      c.append(bar);
      tr.append(a, b, c);
      return tr;
    }));
  }
}
