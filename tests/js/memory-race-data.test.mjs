// The Memory lab's pure helpers (web/js/memory/race-data.js): the sentence the page writes from the
// measured race must say what the numbers say (who reached 95 % and at which step, who stayed at chance),
// the step of the first point at the target, and the thinning of long curves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { raceSummary, stepReaching, thin } from '../../web/js/memory/race-data.js';
import { CONTESTANTS, TARGET_ACCURACY } from '../../web/js/memory-race.js';

/** A curve measured every `every` steps up to `steps`, with accuracy acc(step). */
const curve = (steps, every, acc) => Array.from({ length: Math.floor(steps / every) }, (_, i) => {
  const step = (i + 1) * every;
  return { step, answerAccuracy: acc(step), answerLoss: 1 };
});

const rnn = { label: 'RNN', steps: 3000, curve: curve(3000, 100, () => 0.26) };
const gruKeep = { label: 'GRU, keep bias 2', steps: 900, curve: curve(900, 100, (s) => (s >= 800 ? 0.97 : 0.3)) };
const lstm = { label: 'LSTM', steps: 3000, curve: curve(3000, 100, (s) => Math.min(0.7, 0.25 + s / 5000)) };

test('raceSummary: at the end, who stayed at chance, who reached 95 % and when, who got part of the way', () => {
  const text = raceSummary({ contestants: [rnn, gruKeep, lstm], chanceAccuracy: 0.25, finished: true, lag: 50 });
  assert.equal(text, 'The race ended (lag 50), with chance at 25%: the RNN stayed at chance (best 26%) for 3,000 steps; ' +
    'the GRU, keep bias 2 reached 95% at step 800; and the LSTM got to 70% at best in 3,000 steps.');
});

test('raceSummary: during the race it says "so far" and speaks of the steps run until now', () => {
  const early = { label: 'RNN', steps: 400, curve: curve(400, 100, () => 0.24) };
  const text = raceSummary({ contestants: [early], chanceAccuracy: 0.25, finished: false });
  assert.equal(text, 'So far, with chance at 25%: the RNN stayed at chance (best 24%) over its first 400 steps.');
});

test('raceSummary: the sentences follow the numbers, not the names', () => {
  // Here the RNN wins and the GRU stays at chance: the text must say so.
  const swapped = [{ label: 'RNN', steps: 500, curve: [{ step: 500, answerAccuracy: 0.99 }] },
    { label: 'GRU', steps: 3000, curve: [{ step: 3000, answerAccuracy: 0.25 }] }];
  const text = raceSummary({ contestants: swapped, chanceAccuracy: 0.25, finished: true });
  assert.match(text, /the RNN reached 95% at step 500/);
  assert.match(text, /the GRU stayed at chance \(best 25%\) for 3,000 steps/);
  // A diverged run is named as such; a contestant not yet measured is left out.
  const diverged = { label: 'RNN', steps: 120, diverged: true, curve: [{ step: 120, answerAccuracy: 0.21 }] };
  const unmeasured = { label: 'LSTM', steps: 0, curve: [] };
  const t2 = raceSummary({ contestants: [diverged, unmeasured], chanceAccuracy: 0.25, finished: true });
  assert.match(t2, /the RNN stayed at chance \(best 21%\) for 120 steps \(its training diverged\)\.$/);
  assert.doesNotMatch(t2, /LSTM/);
  assert.equal(raceSummary({ contestants: [unmeasured], chanceAccuracy: 0.25, finished: false }),
    'The race has not been measured yet.');
});

test('raceSummary: below chance is said so (answers outside the keys), not "at chance"', () => {
  const below = { label: 'LSTM', steps: 60, curve: [{ step: 0, answerAccuracy: 0.1 }, { step: 60, answerAccuracy: 0 }] };
  assert.equal(raceSummary({ contestants: [below], chanceAccuracy: 0.25, finished: false }),
    'So far, with chance at 25%: the LSTM stayed below chance (best 10%) over its first 60 steps.');
});

test('raceSummary: above chance by less than 10 points is still chance; the target is a parameter', () => {
  const near = { label: 'GRU', steps: 1000, curve: [{ step: 1000, answerAccuracy: 0.34 }] };
  assert.match(raceSummary({ contestants: [near], chanceAccuracy: 0.25, finished: true }), /stayed at chance \(best 34%\)/);
  const above = { label: 'GRU', steps: 1000, curve: [{ step: 1000, answerAccuracy: 0.36 }] };
  assert.match(raceSummary({ contestants: [above], chanceAccuracy: 0.25, finished: true }), /got to 36% at best in 1,000 steps/);
  assert.match(raceSummary({ contestants: [above], chanceAccuracy: 0.25, finished: true, target: 0.3 }),
    /reached 30% at step 1,000/);
});

test('stepReaching: the first measured step at or above the target, null when never', () => {
  assert.equal(stepReaching(gruKeep.curve), 800);
  assert.equal(stepReaching(rnn.curve), null);
  assert.equal(stepReaching([{ step: 10, answerAccuracy: TARGET_ACCURACY }]), 10, 'exactly at the target counts');
  assert.equal(stepReaching([{ step: 10, answerAccuracy: null }, { step: 20, answerAccuracy: 0.5 }], 0.5), 20);
});

test('thin: at most max points, first and last kept, order kept; short curves unchanged', () => {
  const points = Array.from({ length: 1001 }, (_, i) => i);
  const thinned = thin(points, 50);
  assert.equal(thinned.length, 50);
  assert.equal(thinned[0], 0);
  assert.equal(thinned.at(-1), 1000);
  assert.ok(thinned.every((v, i) => i === 0 || v > thinned[i - 1]));
  assert.deepEqual(thin([1, 2, 3], 50), [1, 2, 3]);
});

test('the contestants: unique ids, the gated cells with and without the keep bias, the RNN without one', () => {
  assert.equal(new Set(CONTESTANTS.map((c) => c.id)).size, CONTESTANTS.length);
  assert.deepEqual(CONTESTANTS.map((c) => `${c.cell}:${c.gateBias}`), ['rnn:0', 'gru:0', 'lstm:0', 'gru:2', 'lstm:2']);
});

test('taskMarks: the key mark is the evidence the probed (last) answer needs', async () => {
  const { taskMarks } = await import('../../web/js/worker/memory-handlers.js');
  // first-symbol and temporal-order: the answer is the last step; its evidence starts at evidenceSteps[0].
  assert.deepEqual(taskMarks({ task: 'first-symbol', evidenceSteps: [0, 0], answerSteps: [50] }),
    { keyPosition: 0, keyRange: [0, 0], answerPositions: [50] });
  assert.equal(taskMarks({ task: 'temporal-order', evidenceSteps: [2, 4], answerSteps: [20] }).keyPosition, 2);
  // copy: the last answer copies the last copied symbol.
  assert.equal(taskMarks({ task: 'copy', evidenceSteps: [0, 2], answerSteps: [20, 21, 22] }).keyPosition, 2);
});
