// How long one slice of training is, for every training loop of the worker (the page's trainer, the
// Gradients lab's, the Memory lab's race): each runs session.run(name, k) and then yields with
// setTimeout(0), so the page's requests and the other loops get the worker between slices. k is sized
// from the engine's measured speed of the last slice so that a slice takes about SLICE_MS.

/** The target length of one slice. */
export const SLICE_MS = 30;

/**
 * The next slice's minibatches: about SLICE_MS at the speed the engine measured in `report`, growing at
 * most 4x at a time (the first steps are slower while caches warm up), at most `maxSteps`.
 * @param {number} current  the minibatches of the last slice
 * @param {{steps: number, seconds: number} | undefined} report  the last slice's TrainReport
 * @param {number} maxSteps
 */
export function nextSliceSize(current, report, maxSteps) {
  if (!report || report.steps === 0 || !(report.seconds > 0)) return current;
  const msPerStep = (report.seconds * 1000) / report.steps;
  return Math.max(1, Math.min(maxSteps, current * 4, Math.round(SLICE_MS / Math.max(msPerStep, 1e-3))));
}
