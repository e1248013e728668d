// The worker's one slice sizing (web/js/worker/slices.js), shared by the page's trainer, the Gradients lab
// and the Memory lab: about SLICE_MS of work at the speed the engine measured, at most 4x the last slice,
// at most the caller's cap; a report that measured nothing leaves the size as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SLICE_MS, nextSliceSize } from '../../web/js/worker/slices.js';

test('nextSliceSize: SLICE_MS at the measured speed, growth and cap bounded', () => {
  // 10 steps took 20 ms (2 ms a step): SLICE_MS / 2 ms steps, within 4x of 10.
  assert.equal(nextSliceSize(10, { steps: 10, seconds: 0.02 }, 1000), Math.round(SLICE_MS / 2));
  // Very fast steps: growth is at most 4x a slice, then the cap.
  assert.equal(nextSliceSize(3, { steps: 3, seconds: 1e-6 }, 1000), 12);
  assert.equal(nextSliceSize(500, { steps: 500, seconds: 1e-6 }, 1000), 1000);
  // Slow steps: never below one minibatch.
  assert.equal(nextSliceSize(8, { steps: 8, seconds: 8 }, 1000), 1);
  // Nothing measured (no report, no step, no time): the size stays.
  assert.equal(nextSliceSize(7, undefined, 1000), 7);
  assert.equal(nextSliceSize(7, { steps: 0, seconds: 0.5 }, 1000), 7);
  assert.equal(nextSliceSize(7, { steps: 5, seconds: 0 }, 1000), 7);
});
