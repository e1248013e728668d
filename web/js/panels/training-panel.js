// The recurrent-network panel: Start / Pause (Resume) / Reset, a live chart of train and validation
// perplexity against tokens seen (log y) over the earlier runs' faint curves, with the n-gram and uniform
// reference lines, the speed and gradient numbers, the run buttons (web/js/runs/run-actions.js) and the
// generation box (text, and per step the top next-token probabilities).
import { LineChart } from '../charts/line-chart.js';
import { formatNumber, formatProbability, PALETTE } from '../charts/svg.js';
import { RunActions } from '../runs/run-actions.js';
import { announce } from '../announcer.js';
import { trainingSummary } from '../charts/summaries.js';

function fixed(value, digits) {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** The current run's colours; the earlier runs take the rest of the palette in turn. */
const TRAIN_COLOR = '#0072b2';
const VALIDATION_COLOR = '#d55e00';
const EARLIER_COLORS = PALETTE.filter((c) => c !== TRAIN_COLOR && c !== VALIDATION_COLOR);
/** Validation differs from train by more than colour: dashed, with square markers. */
const VALIDATION_LOOK = { color: VALIDATION_COLOR, dash: '6 3', marker: 'square' };
/** An earlier run is drawn with at most this many points per curve (it is a faint backdrop). */
const FAINT_POINTS = 600;

/** Every k-th point (and the last), at most `max` of them. */
function thin(points, max) {
  if (points.length <= max) return points;
  const step = Math.ceil(points.length / max);
  const kept = points.filter((_, i) => i % step === 0);
  if (kept.at(-1) !== points.at(-1)) kept.push(points.at(-1));
  return kept;
}

export class TrainingPanel {
  /**
   * @param {HTMLElement} root
   * @param {{onStart: () => void, onPause: () => void, onReset: () => void, onGenerate: () => void,
   *          onSaveText: () => void}
   *         & ConstructorParameters<typeof RunActions>[1]} actions
   */
  constructor(root, actions) {
    this.root = root;
    this.q = (selector) => root.querySelector(selector);
    this.chart = new LineChart(this.q('#train-chart'), { width: 640, height: 280, logY: true, xLabel: 'tokens seen',
      yLabel: 'perplexity', label: 'train and validation perplexity against tokens seen', describe: trainingSummary });
    this.q('#train-start').addEventListener('click', () => actions.onStart());
    this.q('#train-pause').addEventListener('click', () => actions.onPause());
    this.q('#train-reset').addEventListener('click', () => actions.onReset());
    this.q('#gen-run').addEventListener('click', () => actions.onGenerate());
    this.q('#gen-save').addEventListener('click', () => actions.onSaveText());
    this.runActions = new RunActions(root, actions);
    /** Series names of the earlier runs on the chart. */
    this.earlierSeries = [];
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
    const state = this.q('#train-state');
    if (state.textContent !== text) announce(this.root.ownerDocument, this.describeState(text));
    state.textContent = text;
    this.root.dataset.running = running ? 'true' : 'false';
  }

  /** The sentence the live region reads when the state changes: what happened and where the run stands. */
  describeState(text) {
    const { tokens, lastTrainPpl } = this.root.dataset;
    const trained = Number(tokens) > 0 && Number.isFinite(Number(lastTrainPpl));
    const where = trained ? ` after ${Number(tokens).toLocaleString('en')} tokens, training perplexity `
      + `${Number(lastTrainPpl).toFixed(2)}` : '';
    const valPpl = this.q('#m-val-ppl').textContent;
    const val = trained && /\d/.test(valPpl) ? `, validation perplexity ${valPpl}` : '';
    if (text === 'training…') return trained ? `Training resumed${where}.` : 'Training started.';
    const phrase = { 'done (epoch limit)': 'finished (epoch limit)', error: 'stopped by an error' }[text] ?? text;
    return `Training ${phrase}${where}${val}.`;
  }

  /** Start or Resume (a trainer that has trained and is paused). */
  setStartLabel(text) { this.q('#train-start').textContent = text; }

  /** A line under the run buttons (what was loaded, saved or stored); '' hides it. */
  showNote(text) {
    const note = this.q('#run-note');
    note.textContent = text;
    note.hidden = !text;
  }

  /** @param {Parameters<RunActions['enable']>[0]} can */
  enableRunActions(can) { this.runActions.enable(can); }

  /** The chart as drawn now. */
  chartSvg() { return this.chart.svg(); }

  /** A new trainer: the current run's curves and numbers start over (the earlier runs stay). */
  reset() {
    this.chart.removeSeries('train');
    this.chart.removeSeries('validation');
    for (const id of ['#m-tokens', '#m-epoch', '#m-train-ppl', '#m-val-ppl', '#m-speed', '#m-grad', '#m-clip']) {
      this.q(id).textContent = '—';
    }
    this.root.dataset.points = '0';
    this.root.dataset.trainers = String(Number(this.root.dataset.trainers || 0) + 1);
    this.setState('ready', false);
  }

  /** Horizontal lines: [{y, label}] (the n-gram models' validation perplexity, the uniform level). */
  setReferences(references) {
    this.chart.setReferences(references.map((r) => ({ color: '#666', ...r })));
  }

  /**
   * The earlier runs as faint curves (train solid, validation dashed, one colour per run), each with its
   * legend text; and the current run's legend (what changed since the run before it).
   * @param {import('../runs/run.js').Run[]} runs  oldest first
   * @param {string[]} labels  one per run
   * @param {string} currentLabel  the current train curve's legend
   */
  showEarlierRuns(runs, labels, currentLabel) {
    for (const name of this.earlierSeries) this.chart.removeSeries(name);
    this.earlierSeries = [];
    for (const [i, run] of runs.entries()) {
      const color = EARLIER_COLORS[i % EARLIER_COLORS.length];
      const train = thin(run.train.filter((p) => Number.isFinite(p.perplexity)).map((p) => [p.tokens, p.perplexity]),
        FAINT_POINTS);
      const validation = thin(run.validation.filter((p) => Number.isFinite(p.valPerplexity))
        .map((p) => [p.tokens, p.valPerplexity]), FAINT_POINTS);
      const trainName = `run ${run.id} train`;
      const validationName = `run ${run.id} validation`;
      this.chart.setSeries(trainName, train, { color, faint: true, legend: labels[i] });
      this.chart.setSeries(validationName, validation, { color, faint: true, dashed: true, legend: null });
      this.earlierSeries.push(trainName, validationName);
    }
    this.currentLabel = currentLabel;
    this.chart.setLegend('train', currentLabel);
    this.root.dataset.earlierRuns = String(runs.length);
  }

  /**
   * A whole curve at once (a loaded checkpoint's run): the chart's current curves and the numbers.
   * @param {import('../runs/run.js').Run} run
   */
  showCurve(run) {
    const train = run.train.filter((p) => Number.isFinite(p.perplexity)).map((p) => [p.tokens, p.perplexity]);
    const validation = run.validation.filter((p) => Number.isFinite(p.valPerplexity))
      .map((p) => [p.tokens, p.valPerplexity]);
    this.chart.setSeries('train', train, { color: TRAIN_COLOR, legend: this.currentLabel ?? 'train' });
    this.chart.setSeries('validation', validation, VALIDATION_LOOK);
    const last = run.train.at(-1);
    if (last) {
      this.showNumbers(last, run.validation.at(-1)?.valPerplexity ?? null);
      this.root.dataset.tokens = String(last.tokens);
      this.root.dataset.lastTrainPpl = String(last.perplexity);
    }
    this.root.dataset.points = String(run.train.length);
  }

  /** The metrics of one report (a loaded point has no speed). */
  showNumbers(report, valPerplexity) {
    this.q('#m-tokens').textContent = formatNumber(report.tokens);
    this.q('#m-epoch').textContent = fixed(report.epoch, 2);
    this.q('#m-train-ppl').textContent = fixed(report.perplexity, 2);
    this.q('#m-val-ppl').textContent = fixed(valPerplexity, 2);
    this.q('#m-speed').textContent = report.tokensPerS > 0 ? formatNumber(report.tokensPerS) : '—';
    this.q('#m-grad').textContent = fixed(report.gradNorm, 3);
    this.q('#m-clip').textContent = Number.isFinite(report.clipFraction) ? `${Math.round(report.clipFraction * 100)}%` : '—';
  }

  /** @param {import('../protocol.js').TrainProgress} p */
  progress({ report, valPerplexity, validated, running }) {
    const tokens = report.tokens;
    if (Number.isFinite(report.perplexity)) {
      this.chart.append('train', tokens, report.perplexity, { color: TRAIN_COLOR, legend: this.currentLabel ?? 'train' });
    }
    if (validated && Number.isFinite(valPerplexity)) {
      this.chart.append('validation', tokens, valPerplexity, VALIDATION_LOOK);
    }
    this.showNumbers(report, valPerplexity);
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
    this.q('#gen-save').disabled = false;
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
