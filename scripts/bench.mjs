// The speed benchmark, in one run: seqlab native, seqlab WebAssembly with SIMD in Node, seqlab WebAssembly
// without SIMD, TensorFlow.js's WebAssembly backend (SIMD, one thread) and optionally PyTorch (CPU, one
// thread), training the standard workload (V = 28 one-hot, one layer H = 256, B = 32, T = 35, full BPTT,
// softmax cross-entropy on every step, plain SGD, float32) for RNN, GRU and LSTM; the WebAssembly GEMM
// ceiling measured in the same run by bench/gemm_bench at the hot loop's shapes with the same flags; text
// and n-gram throughput natively and in WebAssembly; the gzip size of the page's .wasm.
// Writes bench/results.json and prints a markdown table.
//
// Usage: node scripts/bench.mjs [--smoke] [--torch] [--reps N] [--no-build]
//   --smoke     one repetition at tiny sizes, no build (uses what `npm test` built): checks the pipeline only
//   --torch     adds PyTorch (python3-torch) for the native comparison
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

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
const GATES = { rnn: 1, gru: 3, lstm: 4 };
const flopPerToken = (cell, { H, V }) => 6 * GATES[cell] * H * H + 4 * GATES[cell] * H * V + 6 * H * V;

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

// Runs a program; returns its stdout (null, with a note, when it is missing or fails).
const notes = [];
function run(command, args, { timeoutSeconds = 1800, optional = false } = {}) {
  log(`${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, {
    cwd: root, env, encoding: 'utf8', maxBuffer: 64 << 20, timeout: timeoutSeconds * 1000,
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

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
  seqlab: {}, gemm: {}, tfjs: null, torch: null, text: {}, ngram: {}, wasm_gzip_bytes: null, notes,
};

// ---- seqlab training: bench/rnn_bench (engine/nn's program) on every target ------------------------------
// rnn_bench times Model<float>::loss_and_gradients (forward + full BPTT) at the standard case, fixed sizes,
// for as many steps as fit in its argument's seconds after one warm-up step, and prints one JSON object
// { case, rnn: {tokens_per_s, ...}, gru: ..., gru_reset_after: ..., lstm: ... }. One process per repetition:
// median, min and max over the repetitions. (Its timed region has no SGD update: one pass over ~0.3 M floats,
// < 0.5 % of a step.)
const rnnSeconds = smoke ? '0.01' : '3';
const RNN_CELLS = [...CELLS, 'gru_reset_after'];
for (const target of targets) {
  const samples = {};
  let benchCase = null;
  for (let r = 0; r < reps; ++r) {
    const o = jsonLines(runBench(target, 'rnn_bench', [rnnSeconds]))[0];
    if (!o) break;
    benchCase = o.case ?? benchCase;
    for (const cell of RNN_CELLS)
      if (typeof o[cell]?.tokens_per_s === 'number') (samples[cell] ??= []).push(o[cell].tokens_per_s);
  }
  const sizes = { H: benchCase?.hidden ?? 256, V: benchCase?.vocab ?? 28 };
  results.seqlab[target] = {};
  for (const [cell, xs] of Object.entries(samples)) {
    const tokens_per_s = median(xs);
    results.seqlab[target][cell] = {
      tokens_per_s, min: Math.min(...xs), max: Math.max(...xs), samples: xs, case: benchCase,
      gflops: (tokens_per_s * flopPerToken(cell.startsWith('gru') ? 'gru' : cell, sizes)) / 1e9,
    };
  }
}

// ---- the GEMM ceiling (WebAssembly with SIMD, same flags as the engine), and native for reference -------
const gemmArgs = smoke ? ['--reps', '1', '--min-ms', '1', '--warmup-ms', '1', '--B', '4', '--H', '16', '--T', '5']
  : ['--reps', String(Math.max(reps, 10)), '--min-ms', '100', '--warmup-ms', '300'];
for (const target of targets) {
  const g = jsonLines(runBench(target, 'gemm_bench', gemmArgs))[0];
  if (g) results.gemm[target] = g;
}
// The ceiling: each product's fastest repetition (other processes only add time, so that is the closer
// estimate of what the kernels can do; it makes "% of ceiling" conservative against median tokens/s).
const ceiling = (target) => results.gemm[target]?.kernels?.sgemm?.ceiling_engine_gru_best_gflops;

// ---- TensorFlow.js (WebAssembly backend, SIMD, one thread) ----------------------------------------------
{
  const args = ['bench/tfjs_bench.mjs', '--reps', String(reps), '--B', String(W.B), '--T', String(W.T),
    '--H', String(W.H), '--V', String(W.V), ...(smoke ? ['--warmup', '1', '--batches', '1'] : ['--warmup', '2', '--batches', '3'])];
  results.tfjs = jsonLines(run('node', args))[0] ?? null;
}

// ---- PyTorch (optional) --------------------------------------------------------------------------------
if (withTorch) {
  const args = ['bench/torch_bench.py', '--reps', String(reps), '--B', String(W.B), '--T', String(W.T),
    '--H', String(W.H), '--V', String(W.V), ...(smoke ? ['--warmup', '1', '--batches', '1'] : [])];
  results.torch = jsonLines(run('/usr/bin/python3', args, { optional: true }))[0] ?? null;
}

// ---- text and n-gram throughput (MB/s, tokens/s) natively and in WebAssembly ----------------------------
const megabytes = smoke ? '1' : '50';
for (const target of targets.filter((t) => t !== 'wasm_nosimd')) {
  results.text[target] = jsonLines(runBench(target, 'text_bench', [megabytes]));
  results.ngram[target] = jsonLines(runBench(target, 'ngram_bench', [megabytes]));
}

// ---- the page's module -----------------------------------------------------------------------------------
const wasmFile = path.join(root, 'web/engine/seqlab_core.wasm');
if (existsSync(wasmFile)) {
  const bytes = readFileSync(wasmFile);
  results.wasm_bytes = bytes.length;
  results.wasm_gzip_bytes = zlib.gzipSync(bytes, { level: 9 }).length;
}
results.machine.load_average_end = os.loadavg();

// ---- ratios and targets ----------------------------------------------------------------------------------
const tfjs = (cell) => results.tfjs?.cells?.[cell]?.tokens_per_s;
const torch = (cell) => results.torch?.cells?.[cell]?.tokens_per_s;
const cellOf = (target, cell) => results.seqlab[target]?.[cell];
results.summary = {};
for (const cell of CELLS) {
  const w = cellOf('wasm', cell), n = cellOf('native', cell);
  results.summary[cell] = {
    wasm_over_tfjs: w && tfjs(cell) ? w.tokens_per_s / tfjs(cell) : null,
    wasm_nosimd_over_tfjs: cellOf('wasm_nosimd', cell) && tfjs(cell) ? cellOf('wasm_nosimd', cell).tokens_per_s / tfjs(cell) : null,
    wasm_percent_of_ceiling: w && ceiling('wasm') ? (100 * w.gflops) / ceiling('wasm') : null,
    native_over_torch: n && torch(cell) ? n.tokens_per_s / torch(cell) : null,
  };
}
const s = results.summary;
results.targets = {
  gru_wasm_15x_tfjs: s.gru.wasm_over_tfjs !== null ? s.gru.wasm_over_tfjs >= 15 : null,
  gru_wasm_70pct_ceiling: s.gru.wasm_percent_of_ceiling !== null ? s.gru.wasm_percent_of_ceiling >= 70 : null,
  rnn_wasm_10x_tfjs: s.rnn.wasm_over_tfjs !== null ? s.rnn.wasm_over_tfjs >= 10 : null,
  lstm_wasm_10x_tfjs: s.lstm.wasm_over_tfjs !== null ? s.lstm.wasm_over_tfjs >= 10 : null,
  native_ge_torch: withTorch && results.torch ? CELLS.every((c) => (s[c].native_over_torch ?? 0) >= 1) : null,
  wasm_gzip_le_250kb: results.wasm_gzip_bytes !== null ? results.wasm_gzip_bytes <= 250 * 1024 : null,
};

// ---- output ----------------------------------------------------------------------------------------------
const fmt = (x, digits = 0) => (typeof x === 'number' && Number.isFinite(x)
  ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');
const tps = (r) => (r ? `${fmt(r.tokens_per_s)} (${fmt(r.min)}–${fmt(r.max)})` : '–');
const lines = [];
lines.push(`Training tokens/s, median (min–max) of ${reps} repetition(s) after warm-up; B=${W.B}, T=${W.T}, H=${W.H}, V=${W.V}, float32, plain SGD, one thread.`);
lines.push('');
lines.push('| cell | MFLOP/token | seqlab native | seqlab WASM SIMD | GFLOP/s | % of ceiling | seqlab WASM no SIMD | TF.js WASM SIMD | WASM SIMD / TF.js | no SIMD / TF.js |' + (withTorch ? ' PyTorch CPU | native / PyTorch |' : ''));
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|' + (withTorch ? '---:|---:|' : ''));
for (const cell of RNN_CELLS) {
  const w = cellOf('wasm', cell);
  if (!s[cell]) s[cell] = { wasm_percent_of_ceiling: w && ceiling('wasm') ? (100 * w.gflops) / ceiling('wasm') : null };
  const label = cell === 'gru_reset_after' ? 'GRU (reset_after)' : cell.toUpperCase();
  lines.push(`| ${label} | ${fmt(flopPerToken(cell.startsWith('gru') ? 'gru' : cell, W) / 1e6, 3)} | ${tps(cellOf('native', cell))} | ${tps(w)} | ${fmt(w?.gflops, 1)} | ${fmt(s[cell].wasm_percent_of_ceiling, 0)}% | ${tps(cellOf('wasm_nosimd', cell))} | ${tps(results.tfjs?.cells?.[cell])} | ${fmt(s[cell].wasm_over_tfjs, 1)}x | ${fmt(s[cell].wasm_nosimd_over_tfjs, 1)}x |` +
    (withTorch ? ` ${tps(results.torch?.cells?.[cell])} | ${fmt(s[cell].native_over_torch, 2)}x |` : ''));
}
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
lines.push(`Page module: web/engine/seqlab_core.wasm ${fmt(results.wasm_bytes)} bytes, gzip -9 ${fmt(results.wasm_gzip_bytes)} bytes (target <= 250 KB).`);
lines.push(`Targets: ${Object.entries(results.targets).map(([k, v]) => `${k} ${v === null ? 'n/a' : v ? 'met' : 'NOT met'}`).join('; ')}.`);
lines.push(`Load average (1, 5, 15 min) at start ${results.machine.load_average_start.map((x) => x.toFixed(2)).join(', ')}, at end ${results.machine.load_average_end.map((x) => x.toFixed(2)).join(', ')}; ${results.machine.cpu}, ${results.machine.cores} cores, Node ${results.machine.node}, ${results.machine.emscripten}.`);
if (notes.length) lines.push(`Notes: ${notes.join('; ')}`);
results.table = lines.join('\n');

mkdirSync(path.join(root, 'build'), { recursive: true });
writeFileSync(path.join(root, smoke ? 'build/bench-smoke.json' : 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(results.table);
const missing = ['wasm'].filter((t) => !Object.keys(results.seqlab[t] ?? {}).length);
if (!results.tfjs || !results.gemm.wasm) missing.push(!results.tfjs ? 'tfjs' : 'gemm');
if (missing.length) {
  console.error(`bench: no results from ${missing.join(', ')}`);
  process.exit(1);
}
