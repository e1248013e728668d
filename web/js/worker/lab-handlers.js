// Worker handlers of the Gradients lab (web/js/lab/README.md has the messages). While the lab is visible,
// its own trainers train in slices that share the worker with the page's training loop (each is a
// setTimeout(0) chain, so the two alternate), and about once a second the lab's views get fresh data:
//   lab:rnn, lab:gru, lab:lstm   three same-size models, one per cell: lab-flow (all three), lab-paths
//                                (GRU and LSTM, one message each), lab-gates (GRU), all probed on the same validation minibatch
//   lab:clip                     a plain RNN with SGD (D2L's lr 1, or 3 or 10): lab-clip, one point per step;
//                                the toggle starts it again with clipping on or off (off, lr 3: it blows up)
//   lab:trunc:full|fixed|random  started by the truncation comparison: the same RNN and seed under the three
//                                truncations: lab-trunc (training curves, flow curves, random's band)
// The lab's trainers are named 'lab:*' in the Session; loading a corpus frees them (the Session's rule),
// and the next visible tick makes them again. Nothing here runs while the lab is hidden.
import { flowMessage, gatesMessage, saturatedShare } from './lab-messages.js';
import { SLICE_MS, nextSliceSize } from './slices.js';
import { NO_CORPUS } from '../protocol.js';

/**
 * The lab's models and training (one minute of this reproduces the note's numbers; README.md): the defaults
 * of the schema's labModel and labTrain groups, so the engine holds the values once.
 * @param {import('../../../wasm/js/seqlab').Schema} schema
 */
export function labDefaults(schema) {
  const defaults = (group) => Object.freeze(Object.fromEntries(schema[group].map((spec) => [spec.key, spec.default])));
  return Object.freeze({ model: defaults('labModel'), train: defaults('labTrain') });
}
/** D2L's setting for the plain RNN of the clipping view (SGD with a large step), over the lab's training. */
const clipTrain = (defaults) => ({ ...defaults.train, optimizer: 'sgd', lr: 1, clip: 1 });
const CELLS = ['rnn', 'gru', 'lstm'];
const RUNS = ['full', 'fixed', 'random'];
/** At most this many minibatches in one slice of a lab trainer. */
const MAX_LAB_STEPS = 1000;
const POST_MS = 1000;
/** Draws of the randomized truncation's probe behind the band. */
const RANDOM_DRAWS = 8;
const GATE_CHARS = 40;
const MAX_CLIP_POINTS = 20000;

/** The lab's state, one per worker. */
function lab(context) {
  if (!context.lab) {
    const defaults = labDefaults(context.seqlab.schema());
    context.lab = { defaults, clipTrain: clipTrain(defaults), visible: false, timer: 0, turn: 0, lastPost: 0, steps: new Map(), totalSteps: new Map(), saturation: [],
      clip: { on: true, points: [], diverged: undefined, stopped: false },
      trunc: null };
  }
  return context.lab;
}

/** The session, or a refusal with code NO_CORPUS while no text is loaded (the page sends the request again). */
function sessionWithCorpus({ session }) {
  if (session.hasCorpus()) return session;
  throw Object.assign(new Error('the Gradients lab needs a text: none is loaded yet'), { code: NO_CORPUS });
}

const cellName = (cell) => `lab:${cell}`;
const truncName = (run) => `lab:trunc:${run}`;

/** Creates what the lab trains and is missing (after a new corpus the Session has none of them). */
function ensureTrainers(context) {
  const { session } = context;
  const l = lab(context);
  const have = new Set(session.trainerNames());
  for (const cell of CELLS) {
    if (!have.has(cellName(cell))) {
      session.createTrainer(cellName(cell), { ...l.defaults.model, cell }, l.defaults.train);
      l.steps.delete(cellName(cell));
      l.totalSteps.delete(cellName(cell));
      if (cell === 'gru') l.saturation = [];
    }
  }
  if (!have.has('lab:clip')) createClip(context, l.clip.on, l.clip.lr);
  if (l.trunc && !have.has(truncName('full'))) l.trunc = null;   // freed with the corpus
}

function createClip(context, on, lr) {
  const l = lab(context);
  lr ??= l.clipTrain.lr;
  context.session.createTrainer('lab:clip', { ...l.defaults.model, cell: 'rnn' },
    { ...l.clipTrain, lr, clip: on ? l.clipTrain.clip : 0 });
  l.clip = { on, lr, points: [], diverged: undefined, stopped: false, perplexity: null };
}

/** One turn: one slice of one lab trainer, in rotation. */
function trainTurn(context) {
  const { session } = context;
  const l = lab(context);
  const names = [...CELLS.map(cellName), ...(l.clip.stopped ? [] : ['lab:clip']),
    ...(l.trunc ? RUNS.filter((r) => !l.trunc.stopped[r]).map(truncName) : [])];
  const name = names[l.turn++ % names.length];
  if (name === 'lab:clip') {
    // One minibatch per call: the view plots every step's norm before clipping.
    const theta = l.clip.on ? l.clipTrain.clip : 0;
    const start = performance.now();
    while (performance.now() - start < SLICE_MS) {
      const r = session.run('lab:clip', 1);
      if (r.diverged) {
        l.clip.stopped = true;
        l.clip.diverged = r.message;
        break;
      }
      l.clip.points.push({ step: r.totalSteps, gradNorm: r.gradNorm, clipped: theta > 0 && r.gradNorm > theta });
      l.clip.perplexity = r.perplexity;   // null when exp(loss) overflows
      if (l.clip.points.length > MAX_CLIP_POINTS) l.clip.points.shift();
    }
    return;
  }
  const report = session.run(name, l.steps.get(name) || 1);
  l.steps.set(name, nextSliceSize(l.steps.get(name) || 1, report, MAX_LAB_STEPS));
  l.totalSteps.set(name, report.totalSteps);
  if (name.startsWith('lab:trunc:')) {
    const run = name.slice('lab:trunc:'.length);
    if (report.diverged) l.trunc.stopped[run] = true;
    else l.trunc.curves[run].push({ tokens: report.tokens, perplexity: report.perplexity });
  }
}

/** The last layer's curve of a probe. */
const topLayer = (perLayer) => perLayer[perLayer.length - 1];

/** lab-trunc from the three runs: their curves, their flow, random's band over RANDOM_DRAWS draws. */
function truncMessage(context) {
  const { session } = context;
  const { tau, pi, curves } = lab(context).trunc;
  const runs = {};
  runs.full = { curve: curves.full, flow: topLayer(session.probe(truncName('full'), { pathSplit: false, truncation: 'full' }).hiddenGradNorms) };
  runs.fixed = { curve: curves.fixed,
    flow: topLayer(session.probe(truncName('fixed'), { pathSplit: false, truncation: 'fixed', tau }).hiddenGradNorms) };
  const random = session.probe(truncName('random'), { pathSplit: false, truncation: 'random', pi, seed: 1, draws: RANDOM_DRAWS });
  runs.random = { curve: curves.random, flow: topLayer(random.hiddenGradNorms),
    flowBand: { lo: topLayer(random.hiddenGradNormsMin), hi: topLayer(random.hiddenGradNormsMax) } };
  return { tau, pi, runs };
}

/** Probes the lab's trainers and posts every view's data. */
function postViews(context) {
  const { session, post } = context;
  const l = lab(context);
  const probes = Object.fromEntries(CELLS.map((cell) => [cell, session.probe(cellName(cell), { lossSteps: 'last', pathSplit: cell !== 'rnn' })]));
  post('lab-update', { kind: 'lab-flow', data: flowMessage(Object.fromEntries(CELLS.map((c) => [c, probes[c].hiddenGradNorms]))) });
  const T = probes.gru.T;
  post('lab-update', { kind: 'lab-paths', data: { cell: 'gru', T, paths: topLayer(probes.gru.gruPaths) } });
  post('lab-update', { kind: 'lab-paths', data: { cell: 'lstm', T, paths: topLayer(probes.lstm.lstmPaths) } });
  const gates = session.gateActivations(cellName('gru'), '', { maxTokens: GATE_CHARS });
  const step = l.totalSteps.get(cellName('gru')) || 0;
  if (l.saturation.at(-1)?.step !== step) l.saturation.push({ step, share: saturatedShare(gates.gates) });
  post('lab-update', { kind: 'lab-gates', data: gatesMessage(gates.tokens, gates.gates, l.saturation) });
  post('lab-update', { kind: 'lab-clip', data: { theta: l.clip.on ? l.clipTrain.clip : 0, points: l.clip.points,
    clipShare: l.clip.points.length ? l.clip.points.filter((p) => p.clipped).length / l.clip.points.length : 0,
    lr: l.clip.lr, perplexity: l.clip.perplexity, diverged: l.clip.diverged } });
  if (l.trunc) post('lab-update', { kind: 'lab-trunc', data: truncMessage(context) });
}

function tick(context) {
  const l = lab(context);
  l.timer = 0;
  if (!l.visible) return;
  // No text yet (the page is still loading it, or a new one): try again shortly.
  if (!context.session.hasCorpus()) {
    l.timer = setTimeout(() => tick(context), 300);
    return;
  }
  try {
    ensureTrainers(context);
    trainTurn(context);
    if (performance.now() - l.lastPost >= POST_MS) {
      postViews(context);
      l.lastPost = performance.now();
    }
  } catch (error) {
    // The lab stops; the page says why and starts it again when it is shown again.
    l.visible = false;
    context.post('lab-update', { kind: 'lab-error', data: { message: error.message } });
    return;
  }
  l.timer = setTimeout(() => tick(context), 0);
}

export const labHandlers = {
  /** @param {import('../protocol.js').LabVisible} payload */
  'lab-visible': ({ visible }, context) => {
    const l = lab(context);
    l.visible = Boolean(visible);
    if (l.visible && !l.timer) {
      l.lastPost = 0;   // the first tick posts at once
      l.timer = setTimeout(() => tick(context), 0);
    } else if (!l.visible && l.timer) {
      clearTimeout(l.timer);
      l.timer = 0;
    }
    return { visible: l.visible };
  },

  /** @param {{rho: number}} payload  @returns lab-linear's data */
  'lab-linear': ({ rho }, context) => sessionWithCorpus(context).linearRnn({ rho }),   // hidden, batch, steps: the lab's

  /** @param {{on: boolean, lr?: number}} payload  a new clipping run, with clipping on or off */
  'lab-clip': ({ on, lr }, context) => {
    sessionWithCorpus(context);
    createClip(context, Boolean(on), lr);
    return { on: Boolean(on) };
  },

  /** @param {{tau: number, pi: number}} payload  three runs of one RNN and seed: full, fixed tau, random pi */
  'lab-trunc': ({ tau, pi }, context) => {
    const session = sessionWithCorpus(context);
    const l = lab(context);
    const model = { ...l.defaults.model, cell: 'rnn' };
    const settings = { full: { truncation: 'full' }, fixed: { truncation: 'fixed', tau }, random: { truncation: 'random', pi } };
    for (const run of RUNS) session.createTrainer(truncName(run), model, { ...l.defaults.train, ...settings[run] });
    l.trunc = { tau, pi, curves: { full: [], fixed: [], random: [] }, stopped: {} };
    return truncMessage(context);
  },

  /** @param {{k: number, train?: object}} payload  minibatch k under each iterator: two lab-batches messages */
  'lab-batches': ({ k, train }, context) => sessionWithCorpus(context).batchLayout({ ...lab(context).defaults.train, ...(train || {}) }, k),
};
