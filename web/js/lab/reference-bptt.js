// A tiny JS reference computation of the lab's quantities, for the demo page's fixtures only (the page gets
// its numbers from the engine through the worker). Untrained one-layer cells with seeded random weights on a
// text snippet, batch 1, loss of the last step only, backward exactly as in docs/math.md §5:
// flow norms ||dl_T/dh_t||, the GRU's four path terms, the LSTM's cell path, gate activations, the effect
// of truncation, and the minibatch layout of D2L's two iterators (docs/math.md §6).
// Dimension letters: T steps, H hidden, V vocabulary (one-hot inputs, no embedding).

/** mulberry32: a small seeded generator (the demo must draw the same fixtures every time). */
export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, uniform: (lo, hi) => lo + (hi - lo) * next(), below: (n) => Math.floor(next() * n) };
}

const sigmoid = (x) => 1 / (1 + Math.exp(-x));
const norm = (v) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

/** A (rows, cols) matrix of U(-s, s) entries, PyTorch's default s = 1/sqrt(H). */
function matrix(rng, rows, cols, s) {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.uniform(-s, s)));
}
const matVec = (W, v) => W.map((row) => row.reduce((s, w, j) => s + w * v[j], 0));
const matTVec = (W, v) => {  // W^T v
  const out = new Array(W[0].length).fill(0);
  W.forEach((row, i) => row.forEach((w, j) => { out[j] += w * v[i]; }));
  return out;
};
const add = (...vs) => vs[0].map((_, i) => vs.reduce((s, v) => s + v[i], 0));
const mul = (a, b) => a.map((x, i) => x * b[i]);

/** Token ids of a text over its own character vocabulary. */
export function encode(text) {
  const vocab = [...new Set(text)].sort();
  return { vocab, ids: [...text].map((c) => vocab.indexOf(c)) };
}

/** A one-layer cell with random weights. biases: e.g. {z: -2} (GRU update gate) or {f: 2} (LSTM forget gate). */
export function makeCell(kind, V, H, seed, biases = {}) {
  const rng = makeRng(seed);
  const s = 1 / Math.sqrt(H);
  const gates = { rnn: ['h'], gru: ['z', 'r', 'h'], lstm: ['i', 'f', 'o', 'g'] }[kind];
  const cell = { kind, V, H, W_x: {}, W_h: {}, b: {}, W_hq: matrix(rng, V, H, s) };
  for (const g of gates) {
    cell.W_x[g] = matrix(rng, H, V, s);
    cell.W_h[g] = matrix(rng, H, H, s);
    cell.b[g] = new Array(H).fill(biases[g] ?? 0);
  }
  return cell;
}

const pre = (cell, g, x, h) => add(cell.W_x[g].map((row) => row[x]), matVec(cell.W_h[g], h), cell.b[g]);

/** Forward over token ids from the state (h0, c0) (zeros by default); per-step caches, t = 1..T at index t-1. */
export function forward(cell, ids, h0 = null, c0 = null) {
  const H = cell.H;
  let h = h0 ? h0.slice() : new Array(H).fill(0);
  let c = c0 ? c0.slice() : new Array(H).fill(0);
  const steps = [];
  for (const x of ids) {
    const hPrev = h;
    const cPrev = c;
    if (cell.kind === 'rnn') {
      h = pre(cell, 'h', x, hPrev).map(Math.tanh);
      steps.push({ hPrev, h });
    } else if (cell.kind === 'gru') {
      const z = pre(cell, 'z', x, hPrev).map(sigmoid);
      const r = pre(cell, 'r', x, hPrev).map(sigmoid);
      const cand = pre(cell, 'h', x, mul(r, hPrev)).map(Math.tanh);
      h = hPrev.map((hp, i) => (1 - z[i]) * hp + z[i] * cand[i]);
      steps.push({ hPrev, h, z, r, cand });
    } else {
      const i = pre(cell, 'i', x, hPrev).map(sigmoid);
      const f = pre(cell, 'f', x, hPrev).map(sigmoid);
      const o = pre(cell, 'o', x, hPrev).map(sigmoid);
      const g = pre(cell, 'g', x, hPrev).map(Math.tanh);
      c = cPrev.map((cp, k) => f[k] * cp + i[k] * g[k]);
      h = c.map((ck, k) => o[k] * Math.tanh(ck));
      steps.push({ hPrev, cPrev, h, c, i, f, o, g });
    }
  }
  return steps;
}

/** The last step's loss l_T = -log softmax(W_hq h_T)[target] (for finite-difference checks). */
export function lastStepLoss(cell, steps, target) {
  const o = matVec(cell.W_hq, steps[steps.length - 1].h);
  const m = Math.max(...o);
  const logSum = m + Math.log(o.reduce((s, v) => s + Math.exp(v - m), 0));
  return logSum - o[target];
}

/**
 * Backward of the last step's loss l_T = -log softmax(W_hq h_T)[target] through the recurrence.
 * xi[t-1] multiplies what h_t sends into h_(t-1) (truncation, docs/math.md §5; default all 1).
 * Returns norms[t-1] = ||dl_T/dh_t|| and, for the GRU/LSTM, the path terms of step t.
 */
export function backwardLastStep(cell, steps, target, xi = null) {
  const T = steps.length;
  const o = matVec(cell.W_hq, steps[T - 1].h);
  const m = Math.max(...o);
  const e = o.map((v) => Math.exp(v - m));
  const sum = e.reduce((a, b) => a + b, 0);
  const dO = e.map((v, k) => v / sum - (k === target ? 1 : 0));
  let dh = matTVec(cell.W_hq, dO);
  let dc = new Array(cell.H).fill(0);
  const norms = new Array(T);
  const paths = new Array(T);
  for (let t = T; t >= 1; t--) {
    norms[t - 1] = norm(dh);
    const s = steps[t - 1];
    let dPrev;
    if (cell.kind === 'rnn') {
      dPrev = matTVec(cell.W_h.h, mul(dh, s.h.map((v) => 1 - v * v)));
    } else if (cell.kind === 'gru') {
      const dCand = mul(dh, s.z);
      const dz = dh.map((d, k) => d * (s.cand[k] - s.hPrev[k]));
      const dA = dCand.map((d, k) => d * (1 - s.cand[k] ** 2));
      const dRH = matTVec(cell.W_h.h, dA);
      const dr = mul(dRH, s.hPrev);
      const direct = dh.map((d, k) => d * (1 - s.z[k]));
      const update = matTVec(cell.W_h.z, dz.map((d, k) => d * s.z[k] * (1 - s.z[k])));
      const candidate = mul(dRH, s.r);
      const reset = matTVec(cell.W_h.r, dr.map((d, k) => d * s.r[k] * (1 - s.r[k])));
      paths[t - 1] = { direct: norm(direct), update: norm(update), candidate: norm(candidate), reset: norm(reset) };
      dPrev = add(direct, update, candidate, reset);
    } else {
      const tc = s.c.map(Math.tanh);
      dc = dc.map((d, k) => d + dh[k] * s.o[k] * (1 - tc[k] ** 2));
      const dI = dc.map((d, k) => d * s.g[k] * s.i[k] * (1 - s.i[k]));
      const dF = dc.map((d, k) => d * s.cPrev[k] * s.f[k] * (1 - s.f[k]));
      const dOg = dh.map((d, k) => d * tc[k] * s.o[k] * (1 - s.o[k]));
      const dG = dc.map((d, k) => d * s.i[k] * (1 - s.g[k] ** 2));
      dPrev = add(matTVec(cell.W_h.i, dI), matTVec(cell.W_h.f, dF), matTVec(cell.W_h.o, dOg), matTVec(cell.W_h.g, dG));
      dc = mul(dc, s.f);
      paths[t - 1] = { cell: norm(dc), rest: norm(dPrev) };
    }
    const k = xi ? xi[t - 1] : 1;
    dh = dPrev.map((v) => v * k);
    dc = dc.map((v) => v * k);
  }
  return { norms, paths };
}

/** Truncation multipliers xi_t (docs/math.md §5): fixed tau cuts where t % tau == 0; random keeps with prob pi, scaled 1/pi. */
export function truncationXi(T, mode, { tau = 10, pi = 0.5, rng } = {}) {
  return Array.from({ length: T }, (_, i) => {
    const t = i + 1;
    if (mode === 'fixed') return t % tau === 0 ? 0 : 1;
    if (mode === 'random') return rng.next() < pi ? 1 / pi : 0;
    return 1;
  });
}

/** Minibatch k of D2L's iterators (engine/train/data_iterator.cpp): B row starts and whether the state carries. */
export function minibatchRows(iterator, corpusLength, B, T, k, seed) {
  const rng = makeRng(seed);
  const offset = rng.below(T);
  const usable = corpusLength - offset - 1;
  if (iterator === 'random') {
    const starts = Array.from({ length: Math.floor(usable / T) }, (_, i) => offset + i * T);
    for (let i = starts.length - 1; i > 0; i--) {  // Fisher-Yates
      const j = rng.below(i + 1);
      [starts[i], starts[j]] = [starts[j], starts[i]];
    }
    return starts.slice(k * B, (k + 1) * B).map((start) => ({ start, carriedFromPrevious: false }));
  }
  const stream = Math.floor(usable / B);
  return Array.from({ length: B }, (_, b) => ({ start: offset + b * stream + k * T, carriedFromPrevious: k > 0 }));
}
