// Worker handlers of the neural trainer: one Session method each, plus the training loop. Training runs in
// slices of about SLICE_MS: session.run(TRAINER, k) with k sized from the last slice's speed, then a
// 'train-progress' event, then setTimeout(0) so that the page's requests (pause, new learning rate,
// generate) are handled between slices. Validation perplexity is computed every EVAL_MS of wall time and
// when training stops.
import { TRAINER } from './context.js';
import { nextSliceSize } from './slices.js';

const EVAL_MS = 1000;
const MAX_STEPS_PER_SLICE = 100000;

/** The training loop state, one per worker. */
function loop(context) {
  if (!context.training) {
    context.training = { running: false, steps: 1, timer: 0, lastEval: 0, evalMs: 0, valPerplexity: null, epochs: 0,
      trainerId: 0 };
  }
  return context.training;
}

function stop(context, reason, message) {
  const t = loop(context);
  const wasRunning = t.running;
  t.running = false;
  clearTimeout(t.timer);
  if (wasRunning || reason !== 'paused') context.post('train-stopped', { trainerId: t.trainerId, reason, message });
}

/** Validation perplexity (null without a validation split), timed to pace the next evaluation. */
function evaluate(context) {
  const t = loop(context);
  const start = performance.now();
  t.valPerplexity = context.session.evaluate(TRAINER).perplexity;
  t.lastEval = performance.now();
  t.evalMs = t.lastEval - start;
}

function slice(context) {
  const t = loop(context);
  if (!t.running) return;
  const { session } = context;
  /** @type {import('../protocol.js').TrainReport} */
  let report;
  try {
    report = session.run(TRAINER, t.steps);
  } catch (error) {
    stop(context, 'error', error.message);
    return;
  }
  t.steps = nextSliceSize(t.steps, report, MAX_STEPS_PER_SLICE);

  const done = !report.diverged && t.epochs > 0 && report.epoch >= t.epochs;
  // Validation costs a forward pass over the whole validation part: at most every EVAL_MS, and at most
  // ~20% of the time (interval >= 5x its cost). Never on the first slice, so the first step shows at once.
  const dueAt = t.lastEval + Math.max(EVAL_MS, 5 * t.evalMs);
  const validated = !report.diverged && report.totalSteps > 1 && (performance.now() >= dueAt || done);
  if (validated) {
    try { evaluate(context); } catch (error) { stop(context, 'error', error.message); return; }
  }
  /** @type {import('../protocol.js').TrainProgress} */
  const progress = { trainerId: t.trainerId, report, valPerplexity: t.valPerplexity, validated,
    diagnostics: session.diagnostics(TRAINER), running: !report.diverged && !done };
  context.post('train-progress', progress);
  if (report.diverged) stop(context, 'diverged', report.message);
  else if (done) stop(context, 'done');
  else t.timer = setTimeout(() => slice(context), 0);
}

export const trainHandlers = {
  /** @param {import('../protocol.js').TrainCreate} payload @returns {import('../protocol.js').TrainCreated} */
  'train-create': (payload, context) => {
    stop(context, 'paused');
    const { parameterCount } = context.session.createTrainer(TRAINER, payload.model, payload.train);
    const t = loop(context);
    Object.assign(t, { steps: 1, valPerplexity: null, lastEval: performance.now(), evalMs: 0,
      epochs: payload.epochs, trainerId: t.trainerId + 1 });
    return { trainerId: t.trainerId, parameterCount };
  },

  'train-start': (_payload, context) => {
    if (!context.session.trainerNames().includes(TRAINER)) throw new Error('no trainer yet');
    const t = loop(context);
    if (!t.running) {
      t.running = true;
      t.timer = setTimeout(() => slice(context), 0);
    }
    return { running: true };
  },

  'train-pause': (_payload, context) => {
    stop(context, 'paused');
    return { running: false };
  },

  /** @param {import('../protocol.js').TrainOptionsUpdate} payload */
  'train-set-options': (payload, context) => {
    const { epochs, ...options } = payload;
    if (epochs !== undefined) loop(context).epochs = epochs;
    if (Object.keys(options).length) context.session.setTrainOptions(TRAINER, options);
    return {};
  },

  /** @param {import('../protocol.js').GenerateOptions} payload @returns {import('../protocol.js').Generation} */
  'train-generate': (payload, { session }) => session.generate(TRAINER, payload),

  /** @returns {import('../protocol.js').TrainSaved} */
  'train-save': (_payload, { session }) => ({ bytes: session.save(TRAINER) }),

  /** @returns {import('../protocol.js').PytorchExport} */
  'train-export-pytorch': (_payload, { session }) => session.exportPytorch(TRAINER),

  /**
   * Training stops first (the page pauses before it loads). The engine refuses a checkpoint of another
   * corpus before it replaces anything: the trainer then stays as it was, paused.
   * @param {import('../protocol.js').TrainLoad} payload @returns {import('../protocol.js').TrainLoaded}
   */
  'train-load': (payload, context) => {
    const bytes = payload.bytes instanceof Uint8Array ? payload.bytes : new Uint8Array(payload.bytes);
    stop(context, 'paused');
    const loaded = context.session.loadTrainer(TRAINER, bytes);
    const t = loop(context);
    const curve = loaded.curve ?? [];
    const validation = curve.filter((point) => 'valPerplexity' in point);
    Object.assign(t, { steps: 1, valPerplexity: validation.at(-1)?.valPerplexity ?? null, lastEval: performance.now(),
      evalMs: 0, epochs: payload.epochs, trainerId: t.trainerId + 1 });
    return { trainerId: t.trainerId, parameterCount: loaded.parameterCount, resumable: Boolean(loaded.resumable),
      options: loaded.options, progress: loaded.progress ?? null, curve };
  },
};

/** Called when the Session freed the trainer (a new corpus): its loop must not run another slice. */
export function stopTraining(context) {
  stop(context, 'paused');
}
