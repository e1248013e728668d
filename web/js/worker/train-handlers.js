// Worker handlers of the neural trainer: one Session method each. The trainer's run (its epoch limit, when
// the validation part is scored, the stop at a divergence) is the engine's (facade::TrainingRun,
// wasm/facade/training_run.h: the rules seqlab train follows epoch by epoch), begun with the run group's
// evalBy 'clock': validation at most every second and at most ~20% of the time, never on the first slice.
// This file only dispatches: a slice is session.advanceRun(TRAINER, k) with k sized by slices.js from the
// last slice's speed, then a 'train-progress' event, then setTimeout(0) so that the page's requests (pause,
// new learning rate, generate) are handled between slices.
import { TRAINER } from './context.js';
import { nextSliceSize } from './slices.js';

const MAX_STEPS_PER_SLICE = 100000;

/** The page's run as the engine keeps it: the run group's options of a new or loaded trainer. */
const runOptions = (epochs) => ({ epochs, evalBy: 'clock' });

/** The slicing state, one per worker. */
function loop(context) {
  if (!context.training) context.training = { running: false, steps: 1, timer: 0, trainerId: 0 };
  return context.training;
}

function stop(context, reason, message) {
  const t = loop(context);
  const wasRunning = t.running;
  t.running = false;
  clearTimeout(t.timer);
  if (wasRunning || reason !== 'paused') context.post('train-stopped', { trainerId: t.trainerId, reason, message });
}

function slice(context) {
  const t = loop(context);
  if (!t.running) return;
  const { session } = context;
  /** @type {import('../../../wasm/js/seqlab').RunSlice} */
  let step;
  try {
    step = session.advanceRun(TRAINER, t.steps);
  } catch (error) {
    stop(context, 'error', error.message);
    return;
  }
  t.steps = nextSliceSize(t.steps, step.report, MAX_STEPS_PER_SLICE);
  /** @type {import('../protocol.js').TrainProgress} */
  const progress = { trainerId: t.trainerId, report: step.report, valPerplexity: step.valPerplexity,
    validated: step.validated, diagnostics: session.diagnostics(TRAINER), running: !step.finished };
  context.post('train-progress', progress);
  if (step.finished) stop(context, step.reason === 'diverged' ? 'diverged' : 'done', step.message);
  else t.timer = setTimeout(() => slice(context), 0);
}

export const trainHandlers = {
  /** @param {import('../protocol.js').TrainCreate} payload @returns {import('../protocol.js').TrainCreated} */
  'train-create': (payload, context) => {
    stop(context, 'paused');
    const { parameterCount } = context.session.createTrainer(TRAINER, payload.model, payload.train);
    context.session.beginRun(TRAINER, runOptions(payload.epochs));
    const t = loop(context);
    Object.assign(t, { steps: 1, trainerId: t.trainerId + 1 });
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
    // The epoch limit is the run's (there is none while the trainer is gone: a new one begins with the page's).
    if (epochs !== undefined && context.session.trainerNames().includes(TRAINER)) {
      context.session.setRunOptions(TRAINER, { epochs });
    }
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
   * corpus before it replaces anything: the trainer then stays as it was, paused. A resumable checkpoint
   * begins a run from where it was saved, its epochs counted from there.
   * @param {import('../protocol.js').TrainLoad} payload @returns {import('../protocol.js').TrainLoaded}
   */
  'train-load': (payload, context) => {
    const bytes = payload.bytes instanceof Uint8Array ? payload.bytes : new Uint8Array(payload.bytes);
    stop(context, 'paused');
    const loaded = context.session.loadTrainer(TRAINER, bytes);
    if (loaded.resumable) context.session.beginRun(TRAINER, runOptions(payload.epochs));
    const t = loop(context);
    const curve = loaded.curve ?? [];
    Object.assign(t, { steps: 1, trainerId: t.trainerId + 1 });
    return { trainerId: t.trainerId, parameterCount: loaded.parameterCount, resumable: Boolean(loaded.resumable),
      options: loaded.options, progress: loaded.progress ?? null, curve };
  },
};

/** Called when the Session freed the trainer (a new corpus): its loop must not run another slice. */
export function stopTraining(context) {
  stop(context, 'paused');
}
