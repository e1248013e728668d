// The speed benchmark, in one run: seqlab native, seqlab WebAssembly with SIMD in Node, seqlab WebAssembly
// without SIMD, TensorFlow.js's WebAssembly backend (SIMD, one thread) and optionally PyTorch (CPU, one
// thread), training the standard workload (V = 28 one-hot, one layer H = 256, B = 32, T = 35, full BPTT,
// softmax cross-entropy on every step, plain SGD, float32) for RNN, GRU and LSTM; the WebAssembly GEMM
// ceiling measured in the same run by bench/gemm_bench at the hot loop's shapes with the same flags; text
// and n-gram throughput natively and in WebAssembly; the gzip size of the page's .wasm.
// Writes bench/results.json and prints a markdown table.
// The training contestants run in alternating rounds and every ratio pairs the rounds; each measurement is
// judged first (bench/plausibility.mjs: the machine's peak from bench/peak_bench, the thread count, the
// library's own matrix-product rate) and a ratio resting on an implausible one is refused with the reason.
//
// Usage: node scripts/bench.mjs [--smoke] [--torch] [--reps N] [--no-build] [--no-text] [--torch-system-blas]
//   --smoke     one repetition at tiny sizes, no build (uses what `npm test` built): checks the pipeline only
//   --torch     adds PyTorch (python3-torch, one thread) for the native comparison
//   --no-text   leaves out the text and n-gram throughput (the training comparison only: a few minutes)
//   --torch-system-blas  PyTorch on the system's libblas.so.3 even when OpenBLAS (serial) is installed
//   --without LIST  leaves training contestants out (native, wasm, wasm_nosimd, tfjs, torch), comma-separated
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkMatmul, checkTraining, creditedFlopPerToken, median, pairedRatio, peakBoundTokensPerS } from '../bench/plausibility.mjs';
import { pageModuleSize } from '../bench/module-size.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const value = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
};
const smoke = flag('smoke');
const withTorch = flag('torch');
const reps = Number(value('reps', smoke ? 1 : 5));
const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
const CELLS = ['rnn', 'gru', 'lstm'];

// The workload. Smoke: tiny sizes, so that the whole pipeline runs in seconds.
const W = smoke ? { V: 28, H: 16, B: 4, T: 5 } : { V: 28, H: 256, B: 32, T: 35 };

// FLOP per token of the matrix products of one training step (forward, backward for the activations,
// backward for the weights), G = gate blocks (RNN 1, GRU 3, LSTM 4):
//   recurrent 3 x 2 G H H  +  input 2 x 2 G H V (forward and weight gradient of the one-hot product, counted
//   dense as TensorFlow.js computes it; seqlab gathers rows)  +  output 3 x 2 H V.
// GRU at the standard sizes: 1,179,648 + 86,016 + 43,008 = 1,308,672 (the issue's "about 1.31 MFLOP").
const flopPerToken = creditedFlopPerToken;

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

// Runs a program; returns its stdout (null, with a note, when it is missing or fails).
const notes = [];
function run(command, args, { timeoutSeconds = 1800, optional = false, env: runEnv = env } = {}) {
  log(`${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, {
    cwd: root, env: runEnv, encoding: 'utf8', maxBuffer: 64 << 20, timeout: timeoutSeconds * 1000,
  });
  if (r.status !== 0) {
    const why = r.error ? String(r.error) : `exit ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' | ')}`;
    notes.push(`${path.basename(command === 'node' ? args.find((a) => !a.startsWith('-')) : command)}: ${why}`);
    if (!optional) log(`FAILED: ${command} ${args.join(' ')}: ${why}`);
    return null;
  }
  return r.stdout;
}

// Every JSON object printed on its own line.
function jsonLines(text) {
  if (!text) return [];
  const out = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    try { out.push(JSON.parse(t)); } catch { /* not JSON: a log line */ }
  }
  return out;
}

// How to start a bench program of a build: natively the executable, else Node on the .js.
const TARGETS = { native: 'native', wasm: 'wasm', wasm_nosimd: 'wasm-nosimd' };
function benchCommand(target, name) {
  const dir = path.join(root, 'build', TARGETS[target]);
  if (target === 'native') {
    const exe = path.join(dir, name);
    return existsSync(exe) ? { command: exe, args: [] } : null;
  }
  const js = path.join(dir, `${name}.js`);
  return existsSync(js) ? { command: 'node', args: ['--no-experimental-fetch', js] } : null;
}
function runBench(target, name, args, options) {
  const c = benchCommand(target, name);
  if (!c) {
    notes.push(`${TARGETS[target]}/${name}: not built`);
    return null;
  }
  return run(c.command, [...c.args, ...args], options);
}


// ---- build -------------------------------------------------------------------------------------------------
if (!smoke && !flag('no-build')) {
  if (run('node', ['scripts/build.mjs', 'native', 'wasm', 'wasm-nosimd'], { timeoutSeconds: 7200 }) === null) {
    console.error('bench: the build failed');
    process.exit(1);
  }
}
const targets = Object.keys(TARGETS).filter((t) => existsSync(path.join(root, 'build', TARGETS[t])));

const results = {
  date: new Date().toISOString(),
  mode: smoke ? 'smoke' : 'full',
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version,
    emscripten: (run('emcc', ['--version'], { optional: true }) || '').split('\n')[0].trim(),
    load_average_start: os.loadavg(),
  },
  workload: { ...W, reps, cells: CELLS, flop_per_token: Object.fromEntries(CELLS.map((c) => [c, flopPerToken(c, W)])),
    flop_formula: '6*G*H*H + 4*G*H*V + 6*H*V per token (G = 1 RNN, 3 GRU, 4 LSTM)' },
  seqlab: {}, gemm: {}, tfjs: null, torch: null, text: {}, ngram: {}, nltk_ngram: [], wasm_gzip_bytes: null, notes,
};

// ---- the machine's peak (bench/peak_bench): the bound no training rate can pass -------------------------
// Natively by the CPU clock (a loaded machine does not lower it), in WebAssembly by the wall clock (no CPU
// clock there): the best repetition of a run at the start and one at the end.
const peakArgs = smoke ? ['--reps', '2', '--ms', '20'] : ['--reps', '5', '--ms', '200'];
function measurePeaks() {
  for (const target of targets) {
    const p = jsonLines(runBench(target, 'peak_bench', peakArgs))[0];
    if (!p) continue;
    const gflops = target === 'native' ? (p.cpu_gflops_best ?? p.gflops_best) : p.gflops_best;
    const prev = results.peak[target];
    results.peak[target] = { vector_bits: p.vector_bits, gflops: Math.max(gflops, prev?.gflops ?? 0),
      runs: [...(prev?.runs ?? []), p] };
  }
}
results.peak = {};
measurePeaks();

// ---- training, alternating: seqlab (every build), TensorFlow.js, PyTorch -------------------------------
// One round runs each contestant once, in an order that rotates from round to round, so that every ratio is
// taken side by side: round r of A against round r of B (paired), median and range over the rounds. A loaded
// machine slows neighbours in time alike; the pairs cancel most of it.
// - seqlab: bench/rnn_bench times Model<float>::loss_and_gradients (forward + full BPTT) for rnnSeconds per
//   cell after a warm-up step, one process per round (its timed region has no SGD update: one pass over
//   ~0.3 M floats, < 0.5 % of a step). Natively it also reports tokens per CPU second.
// - TensorFlow.js: bench/tfjs_bench.mjs (WebAssembly backend, SIMD, one thread), model.trainOnBatch.
// - PyTorch (--torch): bench/torch_bench.py, one thread, on an optimised BLAS when one is installed.
const rnnSeconds = smoke ? '0.01' : '2';
const RNN_CELLS = [...CELLS, 'gru_reset_after'];
// Debian's python3-torch calls the system's libblas.so.3; the reference BLAS is ~20x slower than OpenBLAS.
// The bench points PyTorch at Debian's single-threaded OpenBLAS (libopenblas0-serial) when it is installed,
// without changing the machine's default, and records which BLAS the process really loaded.
const OPENBLAS_SERIAL = '/usr/lib/x86_64-linux-gnu/openblas-serial';
const torchEnv = { ...env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1',
  ...(existsSync(OPENBLAS_SERIAL) && !flag('torch-system-blas') ? { LD_LIBRARY_PATH: OPENBLAS_SERIAL } : {}) };
const contestants = [
  ...targets.map((target) => ({ id: target, run: (round) => {
    const o = jsonLines(runBench(target, 'rnn_bench', [rnnSeconds]))[0];
    if (!o) return;
    results.seqlab[target] ??= { case: o.case, cells: {} };
    for (const cell of RNN_CELLS) {
      if (typeof o[cell]?.tokens_per_s !== 'number') continue;
      const c = (results.seqlab[target].cells[cell] ??= { samples: [], cpu_samples: [], rounds: [] });
      c.samples.push(o[cell].tokens_per_s);
      c.rounds.push(round);
      if (typeof o[cell].cpu_tokens_per_s === 'number') c.cpu_samples.push(o[cell].cpu_tokens_per_s);
    }
  } })),
  { id: 'tfjs', run: (round) => {
    const args = ['bench/tfjs_bench.mjs', '--reps', '1', '--B', String(W.B), '--T', String(W.T), '--H', String(W.H),
      '--V', String(W.V), ...(smoke ? ['--warmup', '1', '--batches', '1'] : ['--warmup', '2', '--batches', '3']),
      ...(round > 0 ? ['--no-matmul'] : [])];
    const o = jsonLines(run('node', args))[0];
    if (!o) return;
    results.tfjs ??= { ...o, cells: {} };
    if (o.matmul) results.tfjs.matmul = o.matmul;
    for (const [cell, r] of Object.entries(o.cells)) {
      const c = (results.tfjs.cells[cell] ??= { samples: [], cpu_over_wall: [], rounds: [] });
      c.samples.push(r.tokens_per_s);
      c.cpu_over_wall.push(...r.cpu_over_wall);
      c.rounds.push(round);
    }
  } },
  ...(withTorch ? [{ id: 'torch', run: (round) => {
    const args = ['bench/torch_bench.py', '--reps', '1', '--mm-reps', smoke ? '1' : '3', '--B', String(W.B),
      '--T', String(W.T), '--H', String(W.H), '--V', String(W.V), ...(smoke ? ['--warmup', '1', '--batches', '1'] : [])];
    const o = jsonLines(run('/usr/bin/python3', args, { optional: true, env: torchEnv }))[0];
    if (!o) return;
    results.torch ??= { ...o, cells: {}, mm_runs: [] };
    results.torch.mm_runs.push(o.mm);
    for (const [cell, r] of Object.entries(o.cells)) {
      const c = (results.torch.cells[cell] ??= { samples: [], cpu_samples: [], cpu_over_wall: [], rounds: [] });
      c.samples.push(r.tokens_per_s);
      if (r.cpu_tokens_per_s) c.cpu_samples.push(r.cpu_tokens_per_s);
      c.cpu_over_wall.push(...r.cpu_over_wall);
      c.rounds.push(round);
    }
  } }] : []),
];
// --without a,b leaves contestants out (native, wasm, wasm_nosimd, tfjs, torch), e.g. for a quick A/B.
const without = value('without', '').split(',').filter(Boolean);
const running = contestants.filter((c) => !without.includes(c.id));
for (let round = 0; round < reps; ++round) {
  log(`round ${round + 1} of ${reps}`);
  for (let i = 0; i < running.length; ++i) running[(i + round) % running.length].run(round);
}
// Summaries: median (min-max) over the rounds.
const summarise = (c) => {
  if (!c?.samples?.length) return;
  c.tokens_per_s = median(c.samples);
  c.min = Math.min(...c.samples);
  c.max = Math.max(...c.samples);
  if (c.cpu_samples?.length) c.cpu_tokens_per_s = median(c.cpu_samples);
};
for (const t of Object.values(results.seqlab)) Object.values(t.cells).forEach(summarise);
if (results.tfjs) Object.values(results.tfjs.cells).forEach(summarise);
if (results.torch) {
  Object.values(results.torch.cells).forEach(summarise);
  const mm = results.torch.mm_runs.filter(Boolean);
  results.torch.mm = { gflops: median(mm.map((m) => m.gflops)),
    cpu_gflops: median(mm.map((m) => m.cpu_gflops ?? m.gflops)), shapes: mm[0]?.shapes };
}
for (const target of targets)
  for (const [cell, c] of Object.entries(results.seqlab[target]?.cells ?? {}))
    c.gflops = (c.tokens_per_s * flopPerToken(cell.startsWith('gru') ? 'gru' : cell, W)) / 1e9;

// ---- the GEMM ceiling (WebAssembly with SIMD, same flags as the engine), and native for reference -------
const gemmArgs = smoke ? ['--reps', '1', '--min-ms', '1', '--warmup-ms', '1', '--B', '4', '--H', '16', '--T', '5']
  : ['--reps', String(Math.max(reps, 10)), '--min-ms', '100', '--warmup-ms', '300'];
for (const target of targets) {
  const g = jsonLines(runBench(target, 'gemm_bench', gemmArgs))[0];
  if (g) results.gemm[target] = g;
}
measurePeaks();
// The ceiling: each product's fastest repetition (other processes only add time, so that is the closer
// estimate of what the kernels can do; it makes "% of ceiling" conservative against median tokens/s).
const ceiling = (target) => results.gemm[target]?.kernels?.sgemm?.ceiling_engine_gru_best_gflops;

// ---- text and n-gram throughput (MB/s, tokens/s) natively and in WebAssembly ----------------------------
const megabytes = smoke ? '1' : '50';
for (const target of flag('no-text') ? [] : targets.filter((t) => t !== 'wasm_nosimd')) {
  results.text[target] = jsonLines(runBench(target, 'text_bench', [megabytes]));
  results.ngram[target] = jsonLines(runBench(target, 'ngram_bench', [megabytes]));
}
// NLTK's models on the Time Machine split (bench/nltk_ngram.py), for the table beside seqlab's same rows.
if (!flag('no-text') && !smoke)
  results.nltk_ngram = jsonLines(run('/usr/bin/python3', [path.join(root, 'bench/nltk_ngram.py')], { optional: true }));

// ---- the page's module -----------------------------------------------------------------------------------
const moduleSize = pageModuleSize(root);
if (moduleSize) {
  results.wasm_bytes = moduleSize.bytes;
  results.wasm_gzip_bytes = moduleSize.gzip;
}
results.machine.load_average_end = os.loadavg();

// ---- plausibility, ratios and targets ------------------------------------------------------------------
// Every measurement is judged (bench/plausibility.mjs) before a ratio is built on it; a ratio is refused,
// with the reason printed, when either side fails. Ratios pair the rounds (side by side in time).
const cellOf = (target, cell) => results.seqlab[target]?.cells?.[cell];
const byRound = (c, key = 'samples') => {
  const out = new Array(reps).fill(undefined);
  (c?.rounds ?? []).forEach((round, i) => { out[round] = c[key]?.[i]; });
  return out;
};
const cpuOverWallOf = (c) => (c?.cpu_samples?.length === c?.samples?.length
  ? c.samples.map((x, i) => x / c.cpu_samples[i]) : undefined);
const peakOf = (target) => results.peak[target]?.gflops;
const torchGemmReference = (() => {
  // Eigen natively at the same three products torch_bench times (equal FLOP each: harmonic mean), best reps.
  const k = results.gemm.native?.kernels?.eigen;
  const xs = ['forward_nt', 'backward_dh_nn', 'weights_tn_step'].map((n) => k?.[n]?.gflops_max);
  return xs.every((x) => x > 0) ? 3 / xs.reduce((sum, x) => sum + 1 / x, 0) : null;
})();
const torchMatmulCheck = results.torch ? checkMatmul({ name: 'PyTorch', gflops: results.torch.mm?.cpu_gflops,
  referenceGflops: torchGemmReference, referenceName: 'Eigen natively', peakGflops: peakOf('native'),
  blas: results.torch.blas }) : null;
results.checks = {};
const judge = (key, name, c, cell, peak, extra = {}) => {
  if (!c?.tokens_per_s) return null;
  const verdict = checkTraining({ name, cell: cell.startsWith('gru') ? 'gru' : cell, dims: W, tokensPerS: c.tokens_per_s,
    cpuTokensPerS: c.cpu_tokens_per_s, cpuOverWall: c.cpu_over_wall ?? cpuOverWallOf(c), peakGflops: peak, ...extra });
  results.checks[key] = verdict;
  return verdict;
};
const LABELS = { native: 'seqlab native', wasm: 'seqlab WASM SIMD', wasm_nosimd: 'seqlab WASM no SIMD' };
for (const cell of RNN_CELLS) {
  for (const target of targets) judge(`${target}.${cell}`, `${LABELS[target]} ${cell}`, cellOf(target, cell), cell, peakOf(target));
  if (CELLS.includes(cell)) {
    judge(`tfjs.${cell}`, `TF.js ${cell}`, results.tfjs?.cells?.[cell], cell, peakOf('wasm'));
    const v = judge(`torch.${cell}`, `PyTorch ${cell}`, results.torch?.cells?.[cell], cell, peakOf('native'),
      { ownMatmulGflops: results.torch?.mm?.cpu_gflops });
    if (v && torchMatmulCheck && !torchMatmulCheck.ok) { v.ok = false; v.problems.push(...torchMatmulCheck.problems); }
  }
}
const okay = (key) => results.checks[key]?.ok === true;
/** Paired ratio of two measurements, or {refused: reasons}. */
const ratio = (keyA, a, keyB, b, sampleKey = 'samples') => {
  if (!a?.samples?.length || !b?.samples?.length) return null;
  if (!okay(keyA) || !okay(keyB)) return { refused: [...(results.checks[keyA]?.problems ?? []), ...(results.checks[keyB]?.problems ?? [])] };
  return pairedRatio(byRound(a, sampleKey), byRound(b, sampleKey));
};
results.summary = {};
for (const cell of CELLS) {
  const w = cellOf('wasm', cell);
  results.summary[cell] = {
    wasm_over_tfjs: ratio(`wasm.${cell}`, w, `tfjs.${cell}`, results.tfjs?.cells?.[cell]),
    wasm_nosimd_over_tfjs: ratio(`wasm_nosimd.${cell}`, cellOf('wasm_nosimd', cell), `tfjs.${cell}`, results.tfjs?.cells?.[cell]),
    wasm_percent_of_ceiling: w && ceiling('wasm') ? (100 * w.gflops) / ceiling('wasm') : null,
    native_over_torch: ratio(`native.${cell}`, cellOf('native', cell), `torch.${cell}`, results.torch?.cells?.[cell]),
    native_over_torch_cpu: ratio(`native.${cell}`, cellOf('native', cell), `torch.${cell}`, results.torch?.cells?.[cell], 'cpu_samples'),
    wasm_over_torch: ratio(`wasm.${cell}`, w, `torch.${cell}`, results.torch?.cells?.[cell]),
    // The most WASM / PyTorch could be on this machine: WebAssembly at its measured peak against PyTorch's rate.
    wasm_over_torch_at_peak: peakOf('wasm') && results.torch?.cells?.[cell]?.tokens_per_s
      ? peakBoundTokensPerS(cell, W, peakOf('wasm')) / results.torch.cells[cell].tokens_per_s : null,
  };
}
const s = results.summary;
const met = (r, x) => (r && typeof r.median === 'number' ? r.median >= x : null);
/** Whether every cell's ratio `key` reaches x; null when a cell has none (PyTorch not run, or a refusal). */
const everyCellMeets = (key, x) => {
  const verdicts = CELLS.map((c) => met(s[c][key], x));
  return verdicts.includes(null) ? null : verdicts.every(Boolean);
};
results.targets = {
  gru_wasm_15x_tfjs: met(s.gru.wasm_over_tfjs, 15),
  rnn_wasm_15x_tfjs: met(s.rnn.wasm_over_tfjs, 15),
  lstm_wasm_15x_tfjs: met(s.lstm.wasm_over_tfjs, 15),
  gru_wasm_70pct_ceiling: s.gru.wasm_percent_of_ceiling !== null ? s.gru.wasm_percent_of_ceiling >= 70 : null,
  native_1_5x_torch: withTorch && results.torch ? everyCellMeets('native_over_torch', 1.5) : null,
  wasm_1x_torch: withTorch && results.torch ? everyCellMeets('wasm_over_torch', 1) : null,
  wasm_gzip_le_250kb: moduleSize ? moduleSize.met : null,
};

// ---- output ----------------------------------------------------------------------------------------------
const fmt = (x, digits = 0) => (typeof x === 'number' && Number.isFinite(x)
  ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');
const tps = (r) => (r?.tokens_per_s ? `${fmt(r.tokens_per_s)} (${fmt(r.min)}–${fmt(r.max)})` : '–');
const refusals = [];
const showRatio = (r, digits = 1) => {
  if (!r) return '–';
  if (r.refused) {
    refusals.push(...r.refused.filter((why) => !refusals.includes(why)));
    return 'refused';
  }
  return `${fmt(r.median, digits)}x (${fmt(r.min, digits)}–${fmt(r.max, digits)})`;
};
const lines = [];
lines.push(`Training tokens/s, median (min–max) over ${reps} alternating round(s); ratios: median (min–max) of the rounds' paired ratios. B=${W.B}, T=${W.T}, H=${W.H}, V=${W.V}, float32, plain SGD, one thread.`);
lines.push('');
lines.push('| cell | MFLOP/token | seqlab native | seqlab WASM SIMD | GFLOP/s | % of ceiling | seqlab WASM no SIMD | TF.js WASM SIMD | WASM SIMD / TF.js | no SIMD / TF.js |' + (withTorch ? ' PyTorch CPU | native / PyTorch | native per CPU second | PyTorch per CPU second | same, CPU time | WASM SIMD / PyTorch | same, at the WASM peak |' : ''));
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|' + (withTorch ? '---:|---:|---:|---:|---:|---:|---:|' : ''));
for (const cell of RNN_CELLS) {
  const w = cellOf('wasm', cell);
  const r = s[cell] ?? { wasm_percent_of_ceiling: w && ceiling('wasm') ? (100 * w.gflops) / ceiling('wasm') : null };
  const label = cell === 'gru_reset_after' ? 'GRU (reset_after)' : cell.toUpperCase();
  lines.push(`| ${label} | ${fmt(flopPerToken(cell.startsWith('gru') ? 'gru' : cell, W) / 1e6, 3)} | ${tps(cellOf('native', cell))} | ${tps(w)} | ${fmt(w?.gflops, 1)} | ${fmt(r.wasm_percent_of_ceiling, 0)}% | ${tps(cellOf('wasm_nosimd', cell))} | ${tps(results.tfjs?.cells?.[cell])} | ${showRatio(r.wasm_over_tfjs)} | ${showRatio(r.wasm_nosimd_over_tfjs)} |` +
    (withTorch ? ` ${tps(results.torch?.cells?.[cell])} | ${showRatio(r.native_over_torch, 2)} | ${fmt(cellOf('native', cell)?.cpu_tokens_per_s)} | ${fmt(results.torch?.cells?.[cell]?.cpu_tokens_per_s)} | ${showRatio(r.native_over_torch_cpu, 2)} | ${showRatio(r.wasm_over_torch, 2)} | ${r.wasm_over_torch_at_peak ? `${fmt(r.wasm_over_torch_at_peak, 2)}x` : '–'} |` : ''));
}
lines.push('');
const peaks = Object.entries(results.peak).map(([t, p]) => `${TARGETS[t]} ${fmt(p.gflops, 1)} (${p.vector_bits}-bit${t === 'native' ? ', CPU clock' : ''})`);
lines.push(`Peak multiply-add rate of one core (bench/peak_bench, best repetition), GFLOP/s: ${peaks.join(', ') || '–'}.`);
if (results.tfjs?.matmul) lines.push(`TF.js tf.matMul at a GRU step's shapes: ${fmt(results.tfjs.matmul.gflops, 1)} GFLOP/s (median; best ${fmt(results.tfjs.matmul.gflops_best, 1)}).`);
if (results.torch) {
  const t = results.torch;
  lines.push(`PyTorch: ${t.library}, ${t.threads} thread(s) (inter-op ${t.interop_threads}), ${t.parallel_backend} back end, BLAS_INFO=${t.blas_info}, BLAS loaded: ${t.blas} (${(t.blas_loaded ?? []).join(', ')}), CPU capability ${t.cpu_capability}, mkldnn ${t.mkldnn ? 'available' : 'absent'}; torch.mm at a GRU step's shapes ${fmt(t.mm?.gflops, 1)} GFLOP/s (${fmt(t.mm?.cpu_gflops, 1)} by CPU time; Eigen natively at the same shapes: ${fmt(torchGemmReference, 1)}).`);
}
if (results.torch && peakOf('wasm')) {
  lines.push(`"At the WASM peak": WebAssembly training every FLOP no implementation can skip (6GH^2 + 6HV per token, the one-hot input a gather) at the measured 128-bit multiply-then-add peak of ${fmt(peakOf('wasm'), 1)} GFLOP/s, against PyTorch's median; below 1.0, no kernel of the engine's WebAssembly build can bring WASM SIMD / PyTorch to 1.0 on this CPU (relaxed SIMD's fused multiply-add, which Emscripten 3.1.6 cannot emit, may have a higher peak: node --experimental-wasm-relaxed-simd bench/relaxed-simd-peak.mjs).`);
}
const loadNotes = Object.values(results.checks).flatMap((v) => v?.notes ?? []);
if (refusals.length) lines.push(`Ratios refused: ${refusals.join('; ')}.`);
if (loadNotes.length) lines.push(`Load: ${loadNotes.join('; ')}.`);
lines.push('');
lines.push('GEMM at the hot loop\'s shapes, GFLOP/s (median): seqlab::sgemm (the engine\'s kernels) vs Eigen with the same flags.');
lines.push('');
const shapeNames = ['forward_nt', 'backward_dh_nn', 'weights_tn_step', 'weights_tn_batched', 'ceiling_engine_gru_gflops', 'ceiling_engine_gru_best_gflops'];
lines.push(`| build | kernel | ${shapeNames.map((n) => n.replace('_gflops', '')).join(' | ')} |`);
lines.push(`|---|---|${shapeNames.map(() => '---:').join('|')}|`);
for (const [target, g] of Object.entries(results.gemm))
  for (const [kernel, k] of Object.entries(g.kernels ?? {})) {
    const name = kernel === 'sgemm' ? `sgemm (${g.backend})` : 'Eigen';
    lines.push(`| ${TARGETS[target]} | ${name} | ${shapeNames.map((n) => fmt(typeof k[n] === 'number' ? k[n] : k[n]?.gflops, 1)).join(' | ')} |`);
  }
lines.push('');
lines.push(`Ceiling = GFLOP/s of the products the engine's GRU runs per batch (T x [B,H]x[H,2H]^T, [B,H]x[H,H]^T, [B,H]x[H,H], [B,2H]x[2H,H]; + the weight gradients over T*B rows), WASM SIMD build; "% of ceiling" uses ceiling_engine_gru_best (each product's fastest repetition). FLOP/token = ${results.workload.flop_formula}.`);
lines.push('');
const textRows = [];
for (const [target, rows] of Object.entries(results.text))
  for (const r of rows) {
    if (typeof r.mb_per_s !== 'number') continue;
    textRows.push(`| ${TARGETS[target]} | ${r.what ?? ''}, ${r.level ?? ''} level | ${fmt(r.mb, 0)} | ${fmt(r.mb_per_s, 1)} | ${fmt(r.tokens && r.seconds ? r.tokens / r.seconds : null)} |`);
  }
if (textRows.length) {
  lines.push('Text (one pass over The Time Machine repeated to the size shown):');
  lines.push('');
  lines.push('| build | what | MB | MB/s | tokens/s |');
  lines.push('|---|---|---:|---:|---:|');
  lines.push(...textRows);
  lines.push('');
}
const ngramRows = [];
for (const [target, rows] of Object.entries(results.ngram))
  for (const r of rows) {
    // The large corpus only (the Time Machine split rows stay in results.json).
    if (r.n === undefined || r.corpus === 'timemachine_split') continue;
    ngramRows.push(`| ${TARGETS[target]} | ${r.corpus} | ${r.level} | ${r.n} | ${fmt(r.fit_tokens_per_s)} | ${fmt(r.score_tokens_per_s)} | ${fmt(r.bytes_per_distinct_ngram, 1)} |`);
  }
if (ngramRows.length) {
  lines.push('n-gram models (fit = counting all orders up to n; score = perplexity over held-out tokens):');
  lines.push('');
  lines.push('| build | corpus | level | n | fit tokens/s | score tokens/s | bytes per distinct n-gram |');
  lines.push('|---|---|---|---:|---:|---:|---:|');
  lines.push(...ngramRows);
  lines.push('');
}
// Each smoothing's rates on the Time Machine split, seqlab native beside NLTK (a smoothing NLTK lacks: n/a).
const splitRows = [];
for (const r of results.ngram.native ?? []) {
  if (r.n === undefined || r.corpus !== 'timemachine_split') continue;
  const nltk = results.nltk_ngram.find((o) => o.level === r.level && o.n === r.n && o.smoothing === r.smoothing);
  const rate = (x) => (x == null ? 'n/a' : fmt(x));
  splitRows.push(`| ${r.level} | ${r.n} | ${r.smoothing} | ${rate(r.fit_tokens_per_s)} | ${rate(nltk?.fit_tokens_per_s)} | ${rate(r.score_tokens_per_s)} | ${rate(nltk?.score_tokens_per_s)} |`);
}
if (splitRows.length) {
  lines.push('n-gram smoothings on the Time Machine split (native seqlab beside NLTK 3.8; stupid-backoff: raw scores, no perplexity):');
  lines.push('');
  lines.push('| level | n | smoothing | seqlab fit tokens/s | NLTK fit tokens/s | seqlab score tokens/s | NLTK score tokens/s |');
  lines.push('|---|---:|---|---:|---:|---:|---:|');
  lines.push(...splitRows);
  lines.push('');
}
lines.push(moduleSize ? moduleSize.line : 'page module: not built (web/engine/seqlab_core.wasm)');
lines.push(`Targets: ${Object.entries(results.targets).map(([k, v]) => `${k} ${v === null ? 'n/a' : v ? 'met' : 'NOT met'}`).join('; ')}.`);
lines.push(`Load average (1, 5, 15 min) at start ${results.machine.load_average_start.map((x) => x.toFixed(2)).join(', ')}, at end ${results.machine.load_average_end.map((x) => x.toFixed(2)).join(', ')}; ${results.machine.cpu}, ${results.machine.cores} cores, Node ${results.machine.node}, ${results.machine.emscripten}.`);
if (notes.length) lines.push(`Notes: ${notes.join('; ')}`);
results.table = lines.join('\n');

mkdirSync(path.join(root, 'build'), { recursive: true });
writeFileSync(path.join(root, smoke ? 'build/bench-smoke.json' : 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(results.table);
const missing = ['wasm'].filter((t) => !Object.keys(results.seqlab[t]?.cells ?? {}).length);
if (!results.tfjs || !results.gemm.wasm) missing.push(!results.tfjs ? 'tfjs' : 'gemm');
if (missing.length) {
  console.error(`bench: no results from ${missing.join(', ')}`);
  process.exit(1);
}
