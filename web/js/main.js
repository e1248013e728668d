// The playground's controller: one engine client (the worker), the settings (URL state), the panels, and
// the few rules that say which engine requests a settings change triggers. No engine object lives here:
// the page sends settings and shows results.
import { boot } from './engine-boot.js';
import { EngineClient } from './engine-client.js';
import { Settings } from './settings.js';
import { GROUPS, corpusOptions, ngramOptions, trainerOptions, smoothingText, truncationText } from './state.js';
import { MAX_TEXT_CHARS } from './protocol.js';
import { Controls } from './panels/controls.js';
import { EngineStatus } from './panels/engine-status.js';
import { CorpusPanel } from './panels/corpus-panel.js';
import { NgramPanel } from './panels/ngram-panel.js';
import { TrainingPanel } from './panels/training-panel.js';
import { GradientsPanel } from './panels/gradients-panel.js';

const DEFAULT_SOURCE = Object.freeze({ source: 'url', url: new URL('../assets/timemachine.txt', import.meta.url).href,
  name: 'The Time Machine' });
const MAX_N = 6;

const $ = (selector) => document.querySelector(selector);
const settings = new Settings();
const engine = new EngineClient(undefined, boot);
const status = new EngineStatus($('#engine-status'));
const banner = $('#error-banner');

/** The text the current corpus came from (re-sent after a worker restart); only set once a load succeeded. */
let source = DEFAULT_SOURCE;
let firstStepShown = false;
let trainerReady = false;
/** The worker's id of the current trainer: events of a replaced one are dropped. */
let trainerId = 0;
let running = false;

const corpus = new CorpusPanel($('#corpus-panel'), {
  onDefault: () => loadCorpus(DEFAULT_SOURCE),
  onText: (text, name) => loadCorpus({ source: 'text', text, name }),
  onFile: (file) => loadFile(file),
});
const ngram = new NgramPanel($('#ngram-panel'), { onSample: () => sampleNgram() });
const training = new TrainingPanel($('#train-panel'), {
  onStart: () => startTraining(),
  onPause: () => pauseTraining(),
  onReset: () => createTrainer().catch(showTrainError),
  onGenerate: () => generate(),
});
const gradients = new GradientsPanel($('#grad-panel'));
for (const panel of document.querySelectorAll('.panel')) new Controls(panel, settings);

function showBanner(message) {
  banner.textContent = message;
  banner.hidden = !message;
}

function showTrainError(error) { training.showError(error.message); }

/** Shows only the fields that apply (RNN activation; τ or π of the truncation; k or ε of the smoothing). */
function showApplicableFields(state) {
  for (const el of document.querySelectorAll('[data-show-for]')) el.hidden = el.dataset.showFor !== state.cell;
  for (const el of document.querySelectorAll('[data-show-for-truncation]')) {
    el.hidden = el.dataset.showForTruncation !== state.truncation;
  }
  for (const el of document.querySelectorAll('[data-show-for-smoothing]')) {
    el.hidden = el.dataset.showForSmoothing !== state.smoothing;
  }
}

// ---- corpus ---------------------------------------------------------------------------------------------

let corpusRequest = 0;

/**
 * Loads a corpus; on failure the message is shown and the previous corpus (and its models) stay.
 * `quiet`: a settings change, not a page start: training goes on only if it was running.
 */
async function loadCorpus(next, { quiet = false } = {}) {
  const ticket = ++corpusRequest;
  corpus.setBusy(`tokenizing ${next.name}…`);
  const payload = { ...next, options: corpusOptions(settings.state) };
  const transfer = [];
  if (next.source === 'bytes') {
    payload.bytes = next.bytes.slice(0);   // keep our copy for a worker restart
    transfer.push(payload.bytes);
  }
  try {
    const summary = await engine.request('corpus-load', payload, transfer);
    if (ticket !== corpusRequest) return;
    source = next;
    performance.mark('seqlab:corpus-loaded');
    corpus.showError('');
    corpus.showSummary(summary);
    // The network first (the first trained step should come quickly), then the statistics and n-grams.
    await createTrainer({ autostart: settings.state.autostart && !quiet }).catch(showTrainError);
    corpus.setBusy('computing statistics…');
    // Zipf's line is fitted on ranks 10..1000 for words (as D2L); characters have few ranks, so from 1.
    const zipfRanks = settings.state.level === 'char' ? [1, 100] : [10, 1000];
    const stats = await engine.request('corpus-stats', { top: 10, zipfRanks });
    if (ticket === corpusRequest) corpus.showStats(stats);
    corpus.setBusy('');
    await refreshNgram({ orders: true });
  } catch (error) {
    if (ticket !== corpusRequest) return;
    corpus.setBusy('');
    corpus.showError(error.message);
  }
}

async function loadFile(file) {
  if (file.size > MAX_TEXT_CHARS * 4) {
    corpus.showError(`${file.name} is ${(file.size / 2 ** 20).toFixed(0)} MB, more than this page accepts; ` +
      'the previous corpus stays loaded');
    return;
  }
  corpus.setBusy(`reading ${file.name}…`);
  const bytes = await file.arrayBuffer();
  await loadCorpus({ source: 'bytes', bytes, name: file.name });
}

// ---- n-gram ---------------------------------------------------------------------------------------------

let ngramRequest = 0;
let ngramReference = null;
/** The last perplexity-by-order rows (kept when only n changes). */
let lastOrders = [];

/** Recomputes the perplexity bars (when `orders`), the chosen model, its next-token bars and a sample. */
async function refreshNgram({ orders = false } = {}) {
  const ticket = ++ngramRequest;
  const state = settings.state;
  ngram.setBusy('counting…');
  try {
    const options = ngramOptions(state);
    if (orders) {
      const maxN = state.smoothing === 'd2l' ? 3 : MAX_N;
      const rows = await engine.request('ngram-perplexities', { maxN, smoothing: smoothingText(state),
        valFraction: state.valFraction });
      if (ticket !== ngramRequest) return;
      lastOrders = rows;
    }
    const evaluation = await engine.request('ngram-build', options);
    if (ticket !== ngramRequest) return;
    ngram.showError('');
    ngram.showPerplexities(lastOrders, state.n);
    ngram.showModel(state.n, evaluation);
    ngramReference = evaluation.perplexity;
    training.setReference(`${state.n}-gram val`, ngramReference);
    await nextTokens();
    await sampleNgram();
  } catch (error) {
    if (ticket === ngramRequest) ngram.showError(error.message);
  } finally {
    if (ticket === ngramRequest) ngram.setBusy('');
  }
}
async function nextTokens() {
  try {
    ngram.showNext(await engine.request('ngram-next', { context: settings.state.context, topK: 10 }));
    ngram.showError('');
  } catch (error) {
    ngram.showError(error.message);
  }
}

async function sampleNgram() {
  const s = settings.state;
  try {
    const { text } = await engine.request('ngram-sample', { prefix: s.context, length: s.sampleLen,
      temperature: s.sampleTemp, seed: s.sampleSeed });
    ngram.showSample(`${s.context}${text}`);
    $('#ngram-sample-output').dataset.continuation = text;
  } catch (error) {
    ngram.showError(error.message);
  }
}

// ---- training -------------------------------------------------------------------------------------------

/** A fresh trainer from the settings (Reset); training starts again if it was running or autostart says so. */
async function createTrainer({ autostart = false } = {}) {
  const wasRunning = running;
  trainerReady = false;
  running = false;
  training.reset();
  training.showError('');
  const { model, train } = trainerOptions(settings.state);
  ({ trainerId } = await engine.request('train-create', { model, train, epochs: settings.state.epochs }));
  performance.mark('seqlab:trainer-created');
  trainerReady = true;
  if (wasRunning || autostart) await startTraining();
}

async function startTraining() {
  try {
    if (!trainerReady) await createTrainer();
    training.showError('');
    await engine.request('train-start');
    running = true;
    training.setState('training…', true);
  } catch (error) {
    showTrainError(error);
  }
}

async function pauseTraining() {
  running = false;
  await engine.request('train-pause').catch(showTrainError);
}

async function generate() {
  const s = settings.state;
  try {
    const result = await engine.request('train-generate', { prefix: s.prefix, length: s.genLen, temperature: s.temperature,
      topK: s.topK, seed: s.genSeed });
    training.showGeneration(result, s.level);
  } catch (error) {
    showTrainError(error);
  }
}

engine.on('train-progress', (progress) => {
  if (progress.trainerId !== trainerId) return;
  if (!firstStepShown) {
    firstStepShown = true;
    performance.mark('seqlab:first-step');
    training.firstStep(performance.now());   // performance.now() counts from navigation start
  }
  training.progress(progress);
  gradients.show(progress.diagnostics);
});

engine.on('train-stopped', (stopped) => {
  if (stopped.trainerId !== trainerId) return;
  running = false;
  training.stopped(stopped);
});

// ---- settings changes -----------------------------------------------------------------------------------

settings.onChange((changed, state) => {
  showApplicableFields(state);
  const has = (group) => changed.some((name) => GROUPS[group].includes(name));
  if (has('corpus')) { loadCorpus(source, { quiet: true }); return; }
  if (has('split') || has('model')) createTrainer().catch(showTrainError);
  if (has('split') || changed.includes('smoothing') || changed.includes('k') || changed.includes('eps')) {
    refreshNgram({ orders: true });
  } else if (changed.includes('n')) {
    refreshNgram();
  } else if (changed.includes('context')) {
    nextTokens();
  } else if (changed.some((name) => ['sampleLen', 'sampleTemp', 'sampleSeed'].includes(name))) {
    sampleNgram();
  }
  if (has('live') && trainerReady) {
    engine.request('train-set-options', { lr: state.lr, clip: state.clip, truncation: truncationText(state),
      epochs: state.epochs }).catch(showTrainError);
  }
});

// After a worker error the client starts a new worker; the page sends its state again.
engine.on('restarted', ({ reason }) => {
  showBanner(`The engine worker failed (${reason}) and was restarted; your settings were sent again.`);
  running = false;
  trainerReady = false;
  engineStart(source);
});

async function engineStart(from) {
  // Both requests at once: the worker answers them in order, as soon as the module is compiled.
  const info = engine.request('engine-info').then((result) => {
    performance.mark('seqlab:engine-ready');
    status.show(result);
    return true;
  }, (error) => {
    status.fail(error.message);
    return false;
  });
  const loaded = loadCorpus(from);
  if (await info) await loaded;
}

showApplicableFields(settings.state);
if (settings.urlErrors.length) showBanner(`Some URL settings were ignored: ${settings.urlErrors.join('; ')}.`);
engineStart(DEFAULT_SOURCE);
