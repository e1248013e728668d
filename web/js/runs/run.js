// One training run as the page keeps it: the settings it ran with, its curve (a point per training report,
// a point per validation) and, when saved, its checkpoint bytes. The curve has the shape of the engine's
// own (Session.curve, kept in a checkpoint), so a loaded checkpoint's curve continues in the same run.
// Plain data (structured-clonable), so IndexedDB keeps it as it is. Pure module: Node tests import it.

/**
 * @typedef {{tokens: number, totalSteps: number, epoch: number, loss: number|null, perplexity: number|null,
 *            gradNorm: number|null, clipFraction: number}} TrainPoint
 * @typedef {{tokens: number, epoch: number, valPerplexity: number|null}} ValidationPoint
 * @typedef {{id: string, corpus: string, corpusHash: string|null, settings: Object<string, string>,
 *            train: TrainPoint[], validation: ValidationPoint[], checkpoint: Uint8Array|null,
 *            updated: number}} Run
 *   id: unique per run (a resumed run keeps its id); corpus: the text's name; settings: {setting: value as
 *   the URL writes it}; checkpoint: the engine's bytes at the curve's last point (null until saved)
 */

let counter = 0;

/** @returns {Run} */
export function newRun({ corpus = '', corpusHash = null, settings = {} } = {}) {
  counter += 1;
  return { id: `${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`, corpus,
    corpusHash, settings: { ...settings }, train: [], validation: [], checkpoint: null, updated: Date.now() };
}

/**
 * Adds one training report (and the validation measured after it) to the run.
 * @param {Run} run
 * @param {import('../protocol.js').TrainReport} report
 * @param {number|null} valPerplexity  measured after this report, or null
 */
export function recordProgress(run, report, valPerplexity) {
  const { tokens, totalSteps, epoch, loss, perplexity, gradNorm, clipFraction } = report;
  if (report.steps > 0) run.train.push({ tokens, totalSteps, epoch, loss, perplexity, gradNorm, clipFraction });
  if (valPerplexity !== null && valPerplexity !== undefined) run.validation.push({ tokens, epoch, valPerplexity });
  run.updated = Date.now();
}

/**
 * A curve as the engine returns it (one array; validation points carry valPerplexity) split into the run's
 * two lists.
 * @param {(TrainPoint|ValidationPoint)[]} curve
 */
export function splitCurve(curve = []) {
  const train = [];
  const validation = [];
  for (const point of curve) {
    if ('valPerplexity' in point) validation.push(point);
    else train.push(point);
  }
  return { train, validation };
}

/** The last point's tokens and epoch (0 for an empty run). @param {Run} run */
export function lastProgress(run) {
  const last = run.train[run.train.length - 1];
  return { tokens: last?.tokens ?? 0, epoch: last?.epoch ?? 0 };
}

/** True when the run has something to show. @param {Run} run */
export function hasPoints(run) {
  return run.train.length > 0 || run.validation.length > 0;
}
