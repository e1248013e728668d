// The benchmark's plausibility rules (bench/plausibility.mjs) on made-up measurements: a ratio is refused
// exactly when a rule says the number cannot be what it claims. No timing here.
import test from 'node:test';
import assert from 'node:assert/strict';
import { checkMatmul, checkTraining, creditedFlopPerToken, pairedRatio, peakBoundTokensPerS, requiredFlopPerToken }
  from '../../bench/plausibility.mjs';

const dims = { H: 256, V: 28 };

test('the FLOP counts of the standard case match the issue (GRU 1.309 MFLOP credited)', () => {
  assert.equal(creditedFlopPerToken('gru', dims), 1308672);
  assert.equal(requiredFlopPerToken('gru', dims), 6 * 3 * 256 * 256 + 6 * 256 * 28);
  assert.ok(requiredFlopPerToken('lstm', dims) < creditedFlopPerToken('lstm', dims));
});

test('the bound at a peak is the required work at that rate, and a rate above it is what checkTraining refuses', () => {
  // 47.2 GFLOP/s over 6*4*256^2 + 6*256*28 = 1,615,872 FLOP per LSTM token: 29,210 tokens/s at most.
  const bound = peakBoundTokensPerS('lstm', dims, 47.2);
  assert.equal(Math.round(bound), Math.round(47.2e9 / 1615872));
  assert.equal(checkTraining({ name: 'x', cell: 'lstm', dims, tokensPerS: bound * 0.99, peakGflops: 47.2 }).ok, true);
  assert.equal(checkTraining({ name: 'x', cell: 'lstm', dims, tokensPerS: bound * 1.01, peakGflops: 47.2 }).ok, false);
});

test('a rate that needs more than the measured peak is refused; one below it passes', () => {
  const fast = checkTraining({ name: 'x gru', cell: 'gru', dims, tokensPerS: 200000, peakGflops: 100 });
  assert.equal(fast.ok, false);
  assert.match(fast.problems[0], /above the machine's measured peak/);
  assert.equal(checkTraining({ name: 'x gru', cell: 'gru', dims, tokensPerS: 50000, peakGflops: 100 }).ok, true);
});

test('more CPU time than wall time means more than one thread: refused; waiting for the CPU is only a note', () => {
  const twoThreads = checkTraining({ name: 't', cell: 'rnn', dims, tokensPerS: 1000, cpuOverWall: [1.9, 1.8, 1.9] });
  assert.equal(twoThreads.ok, false);
  assert.match(twoThreads.problems[0], /more than one thread/);
  const starved = checkTraining({ name: 't', cell: 'rnn', dims, tokensPerS: 1000, cpuOverWall: [0.3, 0.25, 0.4] });
  assert.equal(starved.ok, true);
  assert.match(starved.notes[0], /30 % of a core/);
});

test('training far below its own matrix products in the same process is refused', () => {
  // 1,000 GRU tokens/s = 1.3 GFLOP/s against products at 50 GFLOP/s: 3 %.
  const v = checkTraining({ name: 'p gru', cell: 'gru', dims, tokensPerS: 1000, ownMatmulGflops: 50 });
  assert.equal(v.ok, false);
  assert.match(v.problems[0], /own matrix-product rate/);
  assert.equal(checkTraining({ name: 'p gru', cell: 'gru', dims, tokensPerS: 30000, ownMatmulGflops: 50 }).ok, true);
});

test('a library on an unoptimised BLAS is refused against the engine GEMM or against the peak', () => {
  assert.equal(checkMatmul({ name: 'p', gflops: 4, referenceGflops: 80, referenceName: 'Eigen' }).ok, false);
  assert.equal(checkMatmul({ name: 'p', gflops: 4, peakGflops: 190 }).ok, false);
  assert.equal(checkMatmul({ name: 'p', gflops: 55, referenceGflops: 80, referenceName: 'Eigen', peakGflops: 190 }).ok, true);
});

test('ratios pair the rounds: median and range of the per-round ratios, missing rounds skipped', () => {
  const r = pairedRatio([10, 20, 30, undefined], [1, 4, 2, 5]);
  assert.deepEqual(r, { median: 10, min: 5, max: 15, n: 3 });
  assert.equal(pairedRatio([], [1]), null);
});
