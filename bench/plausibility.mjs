// What a training-speed measurement must satisfy before the benchmark builds a ratio on it, shared by
// scripts/bench.mjs (Node and native) and scripts/bench-browser.mjs (Chromium). A ratio is only as good as
// its weaker side: a library measured on an unoptimised BLAS, a process that ran on two threads, or a rate
// the machine cannot reach all make a ratio that says nothing about the code. Such a result is printed with
// the reason and no ratio.

/** Gate blocks per cell. */
export const GATES = { rnn: 1, gru: 3, lstm: 4 };

/**
 * FLOP per token credited to every implementation (matrix products of one training step, forward, backward
 * for the activations and for the weights): recurrent 3 x 2GH^2, input 2 x 2GHV counted dense (as TF.js and
 * PyTorch compute it; seqlab gathers rows instead), output 3 x 2HV.
 */
export const creditedFlopPerToken = (cell, { H, V }) => 6 * GATES[cell] * H * H + 4 * GATES[cell] * H * V + 6 * H * V;

/** The work no implementation can skip (recurrent and output products): the bound against the peak. */
export const requiredFlopPerToken = (cell, { H, V }) => 6 * GATES[cell] * H * H + 6 * H * V;

/**
 * The most tokens/s a cell can train at on hardware whose multiply-add peak is `peakGflops`: every FLOP of
 * the work no implementation can skip at the rate of a loop that does nothing else. A library measured faster
 * than another's bound cannot be caught by that other's code on that machine, however good its kernels.
 */
export const peakBoundTokensPerS = (cell, dims, peakGflops) => (peakGflops * 1e9) / requiredFlopPerToken(cell, dims);

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Thresholds, named so that a reader of a refusal knows the rule. */
export const LIMITS = {
  /** CPU time over wall time above this: more than one thread worked (the comparison is one thread each). */
  maxCpuOverWall: 1.3,
  /** Below this the process waited for the CPU (a note, not a refusal: the runs alternate). */
  starvedCpuOverWall: 0.8,
  /** Training below this share of the library's own matrix-product rate: something else dominates. */
  minShareOfOwnMatmul: 0.2,
  /** A library's matrix products below this share of the engine's GEMM at the same shapes: unoptimised BLAS. */
  minShareOfReferenceGemm: 0.25,
  /** ... or below this share of the machine's peak (both by the CPU clock, so a loaded machine does not move
   * it): reference BLAS reaches ~2 % of an AVX-512 core here, OpenBLAS ~30 %, Eigen ~50 % at these shapes. */
  minShareOfPeak: 0.1,
};

const pct = (x) => `${Math.round(100 * x)} %`;
const num = (x, d = 1) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : String(x));

/**
 * Judges one training measurement.
 * @param {object} m
 * @param {string} m.name            e.g. 'PyTorch GRU'
 * @param {string} m.cell            rnn | gru | lstm
 * @param {{H: number, V: number}} m.dims
 * @param {number} m.tokensPerS      by the wall clock
 * @param {number} [m.cpuTokensPerS] by the process CPU clock (closer to the code's speed on a loaded machine)
 * @param {number[]} [m.cpuOverWall] per repetition
 * @param {number} [m.peakGflops]    the machine's peak for this kind of code (bench/peak_bench), same process kind
 * @param {number} [m.ownMatmulGflops] the library's own matrix-product rate in the same process
 * @returns {{ok: boolean, problems: string[], notes: string[], gflops: number}}
 */
export function checkTraining(m) {
  const problems = [], notes = [];
  const rate = m.cpuTokensPerS ?? m.tokensPerS;
  const gflops = (m.tokensPerS * creditedFlopPerToken(m.cell, m.dims)) / 1e9;
  if (!(m.tokensPerS > 0)) problems.push(`${m.name}: no rate measured`);
  const required = (rate * requiredFlopPerToken(m.cell, m.dims)) / 1e9;
  if (m.peakGflops > 0 && required > m.peakGflops) {
    problems.push(`${m.name}: ${Math.round(rate).toLocaleString('en-US')} tokens/s needs at least ${num(required)} GFLOP/s, ` +
      `above the machine's measured peak of ${num(m.peakGflops)}: not a real measurement`);
  }
  const cow = m.cpuOverWall?.length ? median(m.cpuOverWall) : null;
  if (cow !== null && cow > LIMITS.maxCpuOverWall) {
    problems.push(`${m.name}: CPU time ${num(cow, 2)}x the wall time: more than one thread worked`);
  }
  if (cow !== null && cow < LIMITS.starvedCpuOverWall) {
    notes.push(`${m.name} got ${pct(cow)} of a core (machine loaded)`);
  }
  if (m.ownMatmulGflops > 0) {
    const share = (rate * creditedFlopPerToken(m.cell, m.dims)) / 1e9 / m.ownMatmulGflops;
    if (share < LIMITS.minShareOfOwnMatmul) {
      problems.push(`${m.name}: trains at ${pct(share)} of its own matrix-product rate in the same process ` +
        `(${num(m.ownMatmulGflops)} GFLOP/s): something other than the model dominates`);
    }
  }
  return { ok: problems.length === 0, problems, notes, gflops };
}

/**
 * Judges a library's matrix products against the engine's GEMM at the same shapes in the same run and
 * against the machine's peak: far below them, the library runs on an unoptimised BLAS and a ratio would
 * measure that BLAS.
 */
export function checkMatmul({ name, gflops, referenceGflops, referenceName, peakGflops, blas }) {
  const problems = [];
  if (!(gflops > 0)) return { ok: true, problems };
  const because = `${blas ? ` (BLAS: ${blas})` : ''}: an unoptimised BLAS, the ratio would measure it`;
  if (referenceGflops > 0 && gflops / referenceGflops < LIMITS.minShareOfReferenceGemm) {
    problems.push(`${name}: its matrix products run at ${num(gflops)} GFLOP/s, ${pct(gflops / referenceGflops)} of ` +
      `${referenceName} (${num(referenceGflops)}) at the same shapes${because}`);
  } else if (peakGflops > 0 && gflops / peakGflops < LIMITS.minShareOfPeak) {
    problems.push(`${name}: its matrix products run at ${num(gflops)} GFLOP/s, ${pct(gflops / peakGflops)} of the ` +
      `core's peak (${num(peakGflops)})${because}`);
  }
  return { ok: problems.length === 0, problems };
}

/**
 * The ratio of paired samples taken side by side (round r of A against round r of B): median and range.
 * @returns {{median: number, min: number, max: number, n: number} | null}
 */
export function pairedRatio(a, b) {
  const ratios = [];
  for (let i = 0; i < Math.min(a?.length ?? 0, b?.length ?? 0); ++i)
    if (a[i] > 0 && b[i] > 0) ratios.push(a[i] / b[i]);
  if (!ratios.length) return null;
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), n: ratios.length };
}
