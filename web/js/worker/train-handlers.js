// Worker handlers of the neural trainer. Training runs in slices of about SLICE_MS: trainer.run(k) with k
// sized from the last slice's speed, then a 'train-progress' event, then setTimeout(0) so that the page's
// requests (pause, new learning rate, generate) are handled between slices. Validation perplexity is
// computed every EVAL_MS of wall time and when training stops.
const SLICE_MS = 30;
const EVAL_MS = 1000;
const MAX_STEPS_PER_SLICE = 100000;

/** The number of a report field under any of its documented names, or NaN. */
function pick(report, ...names) {
  for (const name of names) {
    const value = report?.[name];
    if (typeof value === 'number') return value;
  }
  return NaN;
}

function perplexityOf(result) {
  if (typeof result === 'number') return result;
  return pick(result, 'perplexity', 'val_perplexity', 'ppl');
}

/** The last minibatch's hidden-state gradient norms per layer and t, and gate means (or null). */
function diagnosticsOf(trainer) {
  if (typeof trainer.diagnostics !== 'function') return null;
  try {
    return trainer.diagnostics();
  } catch {
    return null;
  }
}

/** The training loop state, one per worker. */
function loop(context) {
  if (!context.training) {
    context.training = { running: false, steps: 1, timer: 0, lastEval: 0, evalMs: 0, valPerplexity: null, epochs: 0,
      stepsDone: 0 };
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

function evaluate(context) {
  const t = loop(context);
  const start = performance.now();
  t.valPerplexity = perplexityOf(context.require('trainer', 'no trainer yet').evaluate());
  t.lastEval = performance.now();
  t.evalMs = t.lastEval - start;
  return t.valPerplexity;
}

function slice(context) {
  const t = loop(context);
  if (!t.running || !context.trainer) return;
  const trainer = context.trainer;
  const start = performance.now();
  let report;
  try {
    report = trainer.run(t.steps);
  } catch (error) {
    stop(context, 'error', error.message);
    return;
  }
  const elapsed = performance.now() - start;
  t.stepsDone += t.steps;
  // Size the next slice to SLICE_MS, growing at most 4x at a time (the first steps are slower: caches).
  const perStep = elapsed / t.steps;
  t.steps = Math.max(1, Math.min(MAX_STEPS_PER_SLICE, t.steps * 4, Math.round(SLICE_MS / Math.max(perStep, 1e-3))));

  const epoch = pick(report, 'epoch');
  const diverged = Boolean(report.diverged);
  const done = !diverged && t.epochs > 0 && epoch >= t.epochs;
  // Validation costs a forward pass over the whole validation part: at most every EVAL_MS, and at most
  // ~20% of the time (interval >= 5x its cost). Never on the first slice, so the first step shows at once.
  const dueAt = t.lastEval + Math.max(EVAL_MS, 5 * t.evalMs);
  if (!diverged && t.stepsDone > 1 && (performance.now() >= dueAt || done)) {
    try { evaluate(context); } catch (error) { stop(context, 'error', error.message); return; }
  }
  context.post('train-progress', {
    trainerId: t.trainerId,
    report,
    diagnostics: diagnosticsOf(trainer),
    tokensSeen: pick(report, 'tokens', 'tokens_seen'),
    epoch,
    trainPerplexity: pick(report, 'perplexity', 'train_ppl'),
    valPerplexity: t.valPerplexity,
    tokensPerSecond: pick(report, 'tokensPerS', 'tokens_per_s'),
    gradNorm: pick(report, 'gradNorm', 'grad_norm'),
    clipFraction: pick(report, 'clipFraction', 'clip_fraction'),
    running: !diverged && !done,
    stepsDone: t.stepsDone,
  });
  if (diverged) stop(context, 'diverged', report.message || 'training diverged');
  else if (done) stop(context, 'done');
  else t.timer = setTimeout(() => slice(context), 0);
}

export const trainHandlers = {
  /** @param {import('../protocol.js').TrainCreate} payload */
  'train-create': (payload, context) => {
    stop(context, 'paused');
    const trainer = new context.seqlab.Trainer(context.requireCorpus(), payload.model, payload.train);
    context.replace('trainer', trainer);
    const t = loop(context);
    Object.assign(t, { steps: 1, valPerplexity: null, lastEval: performance.now(), evalMs: 0, stepsDone: 0,
      epochs: payload.epochs ?? 0, trainerId: (t.trainerId || 0) + 1 });
    return { created: true, trainerId: t.trainerId };
  },

  'train-start': (_payload, context) => {
    context.require('trainer', 'no trainer yet');
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
    if (Object.keys(options).length && context.trainer) context.trainer.setOptions(options);
    return { updated: true };
  },

  'train-evaluate': (_payload, context) => ({ valPerplexity: evaluate(context) }),

  /** @param {import('../protocol.js').GenerateRequest} payload */
  'train-generate': (payload, context) => context.require('trainer', 'no trainer yet').generate({
    prefix: payload.prefix, length: payload.length, temperature: payload.temperature, topK: payload.topK,
    seed: payload.seed,
  }),
};

/** Called by the worker when the trainer is about to be freed (a new corpus). */
export function stopTraining(context) {
  stop(context, 'paused');
}
