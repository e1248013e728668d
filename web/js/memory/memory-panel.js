// The Memory lab: a race of recurrent models on a synthetic memory task, in <section id="memory-panel">.
// The settings (task, lag, hidden size, contestants) start a new race through the callback the page passes;
// the worker's 'memory-update' messages go to update(). The panel talks to no worker itself.
//
//   const panel = new MemoryPanel(section, { onStart: ({task, lag, hidden, contestants}) => ... });
//   panel.update(message);   // web/js/protocol.js, MemoryUpdate
import { announce } from '../announcer.js';
import { el, para, sub, foldedNote } from '../lab/dom.js';
import { AccuracyView } from './accuracy-view.js';
import { GradientView } from './gradient-view.js';
import { KeyPathsView } from './key-paths-view.js';
import { CONTESTANTS } from '../memory-race.js';
import { raceSummary, formatPercent, formatSteps } from './race-data.js';

/** The choices of the controls; the defaults are the worker's (memory-handlers.js, MEMORY_DEFAULTS). */
export const TASKS = Object.freeze(['first-symbol', 'temporal-order', 'copy']);
export const LAGS = Object.freeze([10, 20, 50, 100]);
export const DEFAULT_SETTINGS = Object.freeze({ task: 'first-symbol', lag: 50, hidden: 64,
  contestants: Object.freeze(CONTESTANTS.map((c) => c.id)) });
const HIDDEN_RANGE = { min: 4, max: 256 };

const TASK_WORDS = {
  'first-symbol': 'the answer is the first symbol of the sample (the key)',
  'temporal-order': 'the answer is the order in which two marked symbols appeared',
  copy: 'the answer is the first symbols of the sample, repeated at the end',
};

export class MemoryPanel {
  /**
   * @param {HTMLElement} section  the empty <section id="memory-panel">
   * @param {{onStart?: (settings: {task: string, lag: number, hidden: number, contestants: string[]}) => void,
   *          onPause?: (paused: boolean) => void}} callbacks  onPause: the student held the race still, or let it go
   */
  constructor(section, callbacks = {}) {
    this.section = section;
    this.callbacks = callbacks;
    section.classList.add('lab', 'memory');
    section.setAttribute('aria-labelledby', 'memory-title');
    this.settings = { ...DEFAULT_SETTINGS, contestants: [...DEFAULT_SETTINGS.contestants] };

    const controls = this.buildControls();
    this.report = el('p', { id: 'memory-task-report', class: 'memory-report' }, 'The race starts when this section is on screen.');
    this.examples = el('details', { id: 'memory-examples', class: 'memory-data' }, el('summary', {}, 'example samples'));
    // Rewritten about once a second while racing: not live regions (that would be read every second); the
    // page's announcer says when a race starts and what it found when it ends.
    this.status = el('p', { id: 'memory-status', class: 'memory-status' });
    this.summary = el('p', { id: 'memory-summary', class: 'memory-summary' });
    this.error = el('p', { class: 'message error', role: 'alert', hidden: true });
    const note = foldedNote(el('div', { class: 'lab-note memory-note' }), el('h3', {}, 'What to look for'),
      para('Each sample shows a key, then ', el('em', {}, 'lag'), ' steps of filler, then asks for the key back. To answer, ',
        'the network must carry the key in its hidden state across the whole lag, and training must send the answer\'s error ',
        'back across the lag to the step that saw the key.'),
      para('The first chart: how often each model answers right on samples it never trained on. The chance line is what guessing ',
        'gets. A model that stays on it has not found the key. The second: ‖∂ℓ', sub('answer'), '/∂h', sub('t'), '‖, how strongly ',
        'the answer\'s loss reacts to the hidden state at each step. If it has fallen by many decades at the key\'s step, ',
        'almost nothing of the error reaches the weights that could have stored the key.'),
      para('A plain tanh RNN multiplies the gradient by its Jacobian at every step, so before training (the dotted ',
        'curves) the answer\'s gradient at the key is many decades below its value at the answer. A GRU whose update gate ',
        'is near 0 and an LSTM whose forget gate is near 1 copy their state (and the gradient) almost unchanged; a keep ',
        'bias of 2 starts them that way (88 % kept per step). Training reshapes every curve, so compare the solid ',
        'curves with the accuracy: a gradient that reaches the key is needed, but does not by itself make a model ',
        'learn. The bars show which of the GRU\'s paths carries the gradient into the key\'s state.'),
      para('All the models see the same samples in the same order, from the same seed; a model stops when it reaches ',
        '95 % or its step budget. The sentence above the charts is written from the measured curves.'));
    const charts = el('div', { class: 'memory-charts' });
    section.replaceChildren(el('h2', { id: 'memory-title' }, '5. Memory lab: which network remembers a key across a long lag?'),
      el('p', { class: 'intro' }, 'What a gate\'s memory buys: an RNN, a GRU and an LSTM race on a task whose answer is a token ',
        'many steps back. ', el('span', { class: 'book-ref' }, 'D2L ',
          el('a', { href: 'https://classic.d2l.ai/chapter_recurrent-modern/gru.html' }, '9.1 GRU'), ', ',
          el('a', { href: 'https://classic.d2l.ai/chapter_recurrent-modern/lstm.html' }, '9.2 LSTM'))),
      controls, this.report, this.examples, this.status, this.summary, this.error, charts, note);
    // Views are built once their container is in the document, so that they measure their width.
    this.accuracy = new AccuracyView(charts);
    this.gradient = new GradientView(charts);
    this.paths = new KeyPathsView(charts);
    this.raceId = 0;
  }

  buildControls() {
    const select = (id, label, values, current) => {
      const field = el('select', { id }, ...values.map((v) => el('option', { value: v, selected: String(v) === String(current) }, String(v))));
      return { field, wrap: el('label', { for: id, class: 'memory-field' }, label, field) };
    };
    this.taskField = select('memory-task', 'task', TASKS, this.settings.task).field;
    this.lagField = select('memory-lag', 'lag (steps between key and answer)', LAGS, this.settings.lag).field;
    this.hiddenField = el('input', { id: 'memory-hidden', type: 'number', min: HIDDEN_RANGE.min, max: HIDDEN_RANGE.max, step: 1,
      value: this.settings.hidden, inputmode: 'numeric' });
    for (const field of [this.taskField, this.lagField, this.hiddenField]) field.addEventListener('change', () => this.restart());
    this.checks = CONTESTANTS.map((c) => {
      const box = el('input', { type: 'checkbox', id: `memory-contestant-${c.id}`, value: c.id,
        checked: this.settings.contestants.includes(c.id) });
      box.addEventListener('change', () => this.restart());
      return { id: c.id, box, label: el('label', { for: box.id, class: 'memory-check' }, box, ` ${c.label}`) };
    });
    const restart = el('button', { type: 'button', id: 'memory-restart' }, 'Restart the race');
    restart.addEventListener('click', () => this.restart());
    // WCAG 2.2.2: the race updates its charts on its own for minutes; the student can hold it still.
    this.pauseButton = el('button', { type: 'button', id: 'memory-pause', 'aria-pressed': 'false' }, 'Pause the race');
    this.pauseButton.addEventListener('click', () => {
      const paused = this.pauseButton.getAttribute('aria-pressed') !== 'true';
      this.pauseButton.setAttribute('aria-pressed', String(paused));
      this.pauseButton.textContent = paused ? 'Resume the race' : 'Pause the race';
      this.callbacks.onPause?.(paused);
    });
    this.hiddenNote = el('span', { class: 'memory-field-note', id: 'memory-hidden-note', 'aria-live': 'polite' });
    this.hiddenField.setAttribute('aria-describedby', 'memory-hidden-note');
    return el('div', { class: 'memory-controls' },
      el('div', { class: 'memory-row' },
        el('label', { for: 'memory-task', class: 'memory-field' }, 'task', this.taskField),
        el('label', { for: 'memory-lag', class: 'memory-field' }, 'lag (steps between key and answer)', this.lagField),
        el('label', { for: 'memory-hidden', class: 'memory-field' }, 'hidden units', this.hiddenField), this.hiddenNote, restart, this.pauseButton),
      el('fieldset', { class: 'memory-contestants' }, el('legend', {}, 'models in the race'), ...this.checks.map((c) => c.label)));
  }

  /** The settings of the controls; a hidden size out of range is refused with a note (the old race goes on). */
  readSettings() {
    const hidden = Number(this.hiddenField.value);
    const ok = Number.isInteger(hidden) && hidden >= HIDDEN_RANGE.min && hidden <= HIDDEN_RANGE.max;
    this.hiddenNote.textContent = ok ? '' : `hidden units: a whole number from ${HIDDEN_RANGE.min} to ${HIDDEN_RANGE.max}`;
    this.hiddenField.classList.toggle('invalid', !ok);
    if (!ok) return null;
    return { task: this.taskField.value, lag: Number(this.lagField.value), hidden,
      contestants: this.checks.filter((c) => c.box.checked).map((c) => c.id) };
  }

  /** Starts a new race with the controls' settings (the charts clear until its first update). */
  restart() {
    const settings = this.readSettings();
    if (!settings) return;
    this.settings = settings;
    this.callbacks.onStart?.(settings);
  }

  /** Clears what the previous race drew, before the new one's first message. */
  starting(settings) {
    this.idle = false;
    this.report.textContent = `Starting a race: ${settings.task}, lag ${settings.lag}, ${settings.hidden} hidden units…`;
    this.summary.textContent = '';
    this.error.hidden = true;
  }

  /** No race (no model chosen): the panel says why and ignores what the ended race still sends. */
  stopped(message) {
    // Until the next start: races started just before (their answers and first updates may still be on
    // their way) are not shown.
    this.idle = true;
    this.summary.textContent = '';
    this.showError(message);
  }

  showError(message) {
    this.error.textContent = message ? `Memory lab: ${message}` : '';
    this.error.hidden = !message;
  }

  /** One 'memory-update' (or the answer of 'memory-start'); an older race's message is ignored. */
  update(message) {
    if (this.idle || message.raceId < this.raceId) return;
    this.raceId = message.raceId;
    if (message.error) {
      this.showError(`the race stopped: ${message.error}`);
      return;
    }
    this.showError('');
    const started = performance.now();
    const { task } = message;
    this.section.dataset.raceId = String(message.raceId);
    this.section.dataset.lag = String(task.lag);
    this.section.dataset.finished = String(message.finished);
    this.report.dataset.lag = String(task.lag);
    this.report.dataset.task = task.task;
    this.report.textContent = `${task.task}, lag ${task.lag}: ${TASK_WORDS[task.task] ?? 'see the examples'}. Each sample has ` +
      `${task.sampleLength} tokens (vocabulary ${task.vocabSize}); the key is input at step ${task.keyPosition}, the answer is ` +
      `scored at step${task.answerPositions.length > 1 ? 's' : ''} ${task.answerPositions.join(', ')}. ` +
      `${formatSteps(task.trainSamples)} training and ${formatSteps(task.valSamples)} validation samples; chance: ` +
      `${formatPercent(message.chanceAccuracy)} (loss ${message.chanceLoss.toFixed(2)}). ${message.hidden} hidden units.`;
    this.examples.replaceChildren(el('summary', {}, 'example samples'),
      el('ul', {}, ...(task.examples ?? []).map((e) => el('li', {}, el('code', {}, e)))));
    const steps = message.contestants.map((c) => c.steps);
    this.status.textContent = message.finished
      ? `The race has ended (every model reached ${formatPercent(message.target)} or ${formatSteps(message.budget)} steps).`
      : `Racing: ${formatSteps(Math.min(...steps, Infinity))}–${formatSteps(Math.max(...steps, 0))} steps of at most ` +
        `${formatSteps(message.budget)} per model; measured about once a second.`;
    this.summary.textContent = raceSummary({ contestants: message.contestants, chanceAccuracy: message.chanceAccuracy,
      finished: message.finished, lag: task.lag, target: message.target });
    const phase = `${message.raceId}:${message.finished ? 'end' : 'start'}`;
    if (this.announced !== phase) {
      this.announced = phase;
      announce(this.section.ownerDocument, message.finished ? `Memory race ended. ${this.summary.textContent}`
        : `Memory race started: ${task.task}, lag ${task.lag}, ${message.contestants.length} models.`);
    }
    this.accuracy.update(message);
    this.gradient.update(message);
    this.paths.update(message);
    this.section.dataset.updated = String((Number(this.section.dataset.updated) || 0) + 1);
    // The cost of one update on the main thread, for the browser tests and tests/browser/memory-screenshot.mjs.
    performance.measure('seqlab:memory-update', { start: started });
  }
}
