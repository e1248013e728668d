// The browser benchmark (`npm run bench:browser`): what users get, measured in Debian's Chromium (headless,
// driven by playwright-core; nothing is fetched from another origin).
// 1. Speed. seqlab and TensorFlow.js's WebAssembly backend (SIMD, one thread; npm's @tensorflow/tfjs and
//    tfjs-backend-wasm, served from node_modules) train the same model in the same page (bench/browser/),
//    alternating one measurement each, for RNN, GRU and LSTM: tokens/s median (min–max) over the rounds and
//    the ratio of each round's pair, median (min–max). Each measurement is judged first
//    (bench/plausibility.mjs: the WebAssembly peak of bench/peak_bench in Node when built) and a ratio resting
//    on an implausible one is refused. The page reports which seqlab kernels ran.
// 2. Start-up. The playground at its defaults from scripts/serve.mjs (the real server, its real headers):
//    the time from navigation to the first trained step (read through DevTools, bench/page-timing.mjs, so that
//    no script of the harness runs in the page meanwhile), from a fresh browser profile (cold cache; the
//    browser left to settle for 3 s after its launch first) and again
//    in the same profile after the first visit (warm cache: the HTTP cache; V8's code cache for WebAssembly is
//    not written for this page with Chromium's default flags, see bench/RESULTS.md), median of the
//    loads, with the page's own marks (engine ready, corpus loaded, trainer created), whether the module
//    came from the network, and the longest main-thread task (in a fresh profile's first load it includes
//    Chromium's own font loading, which no page code runs: see tests/browser/long-tasks.test.mjs).
// Prints markdown, writes build/bench-browser.json. Numbers are printed, never asserted.
// Usage: node scripts/bench-browser.mjs [--reps 5] [--loads 5] [--cells rnn,gru,lstm] [--no-speed]
//        [--no-startup] [--baseline DIR] [--js-flags FLAGS] [--smoke]
//   --baseline DIR  also loads the playground of another checkout (its web/engine built), alternating with
//                   this tree's, load by load: a start-up change measured against what it changes
//   --js-flags FLAGS  V8 flags for Chromium (--js-flags=FLAGS), e.g. "--wasm-caching-timeout-ms=0": what
//                   a return visit would gain from V8's code cache, which the default flags never write here
//   --smoke         tiny model, one round, one load: checks the pipeline
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { checkTraining, creditedFlopPerToken, median, pairedRatio } from '../bench/plausibility.mjs';
import { pageModuleSize } from '../bench/module-size.mjs';
import { BROWSER_SETTLE_MS, waitForMark } from '../bench/page-timing.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
/** `--name VALUE` or `--name=VALUE`. */
const value = (name, fallback) => {
  const joined = argv.find((a) => a.startsWith(`--${name}=`));
  if (joined) return joined.slice(name.length + 3);
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
};
const smoke = flag('smoke');
const reps = Number(value('reps', smoke ? 1 : 5));
const loads = Number(value('loads', smoke ? 1 : 5));
const cells = value('cells', 'rnn,gru,lstm').split(',');
const dims = smoke ? { B: 4, T: 5, H: 16, V: 28 } : { B: 32, T: 35, H: 256, V: 28 };
/** Seconds each seqlab measurement lasts (its step count is sized from the warm-up); TF.js runs batches. */
const seqlabSeconds = smoke ? 0.05 : 1.0;
const tfjsBatches = smoke ? 1 : 3;

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ...(value('js-flags') ? [`--js-flags=${value('js-flags')}`] : [])];
const log = (message) => process.stderr.write(`bench-browser: ${message}\n`);
const fmt = (x, digits = 0) => (typeof x === 'number' && Number.isFinite(x)
  ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');

// ---- the bench page's server: the bench page, seqlab's module and TensorFlow.js's files, one origin -----
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json' };
const ROUTES = [
  ['/bench/', path.join(root, 'bench')],
  ['/engine/', path.join(root, 'web/engine')],
  ['/assets/', path.join(root, 'web/assets')],
  ['/tfjs/', path.join(root, 'node_modules/@tensorflow/tfjs/dist')],
  ['/tfjs-wasm/', path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')],
];
function benchServer() {
  const server = createServer((request, response) => {
    const url = decodeURIComponent((request.url || '/').split('?')[0]);
    if (url === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const route = ROUTES.find(([prefix]) => url.startsWith(prefix));
    const file = route && path.resolve(route[1], `.${path.posix.normalize(`/${url.slice(route[0].length)}`)}`);
    if (!file || !file.startsWith(route[1]) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found\n');
      return;
    }
    response.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream',
      'Cache-Control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The WebAssembly peak in Node's V8 (bench/peak_bench of the wasm build), the bound for both libraries. */
function wasmPeak() {
  const js = path.join(root, 'build/wasm/peak_bench.js');
  if (!existsSync(js)) return null;
  // --no-experimental-fetch: Emscripten 3.1.6's loader takes Node 20's fetch for a browser's and fails.
  const r = spawnSync('node', ['--no-experimental-fetch', js, '--reps', smoke ? '2' : '5', '--ms', smoke ? '20' : '200'],
    { encoding: 'utf8' });
  try { return JSON.parse(r.stdout.trim().split('\n').pop()); } catch { return null; }
}

async function launch() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

// ---- 1. speed ----------------------------------------------------------------------------------------------
async function speed() {
  const server = await benchServer();
  const browser = await launch();
  const out = { dims, reps, cells: {} };
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`http://127.0.0.1:${server.address().port}/bench/browser/index.html`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 30000 }).catch(() => {
      throw new Error(`the bench page did not start: ${errors.join('; ') || 'no error reported'}`);
    });
    out.info = await page.evaluate((d) => window.bench.setup(d), dims);
    if (out.info.V !== dims.V) log(`note: the corpus has V = ${out.info.V}, the TF.js model uses ${dims.V}`);
    out.tfjsMatMul = await page.evaluate((d) => window.bench.tfjsMatMul(d), dims);
    // The seqlab contestants: each GEMM kernel set the build has (relaxed SIMD, SIMD128), else the loader's.
    const kernelSets = out.info.seqlab.kernelSets?.length ? out.info.seqlab.kernelSets : [null];
    const who = [...kernelSets.map((k) => ({ id: k ? `seqlab:${k}` : 'seqlab', kernels: k })), { id: 'tfjs' }];
    for (const cell of cells) {
      // Warm-up: both compile their code paths and V8 tiers the hot WebAssembly functions up.
      const warm = await page.evaluate(([c, d, k]) => window.bench.runSeqlab(c, d, 3, 3, k), [cell, dims, kernelSets[0]]);
      await page.evaluate(([c, d]) => window.bench.runTfjs(c, d, 1, 2), [cell, dims]);
      const steps = Math.max(2, Math.round(seqlabSeconds / (warm.seconds / 3)));
      const samples = Object.fromEntries(who.map((w) => [w.id, []]));
      for (let round = 0; round < reps; ++round) {
        // Alternating, the order turning from round to round.
        for (let j = 0; j < who.length; ++j) {
          const w = who[(round + j) % who.length];
          const r = w.id === 'tfjs'
            ? await page.evaluate(([c, d, k]) => window.bench.runTfjs(c, d, k), [cell, dims, tfjsBatches])
            : await page.evaluate(([c, d, k, set]) => window.bench.runSeqlab(c, d, k, 0, set), [cell, dims, steps, w.kernels]);
          samples[w.id].push(r.tokensPerS);
        }
        log(`${cell} round ${round + 1}: ${who.map((w) => `${w.id} ${fmt(samples[w.id].at(-1))}`).join(', ')} tokens/s`);
      }
      out.cells[cell] = { steps_per_seqlab_measurement: steps, tfjs_batches_per_measurement: tfjsBatches, samples };
    }
    out.tensorsAfter = await page.evaluate(() => window.bench.tensors());
    out.errors = errors;
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
  return out;
}

// ---- 2. start-up ---------------------------------------------------------------------------------------
/** One visit of the playground at its defaults: navigation to the first trained step, and the page's marks. */
/** Main-thread tasks over 50 ms are recorded from before the page's own scripts run, and read 2 s after the
 * first trained step: the start-up and the first seconds of training (where a 300-480 ms frame once was). */
const AFTER_FIRST_STEP_MS = 2000;
async function visit(page, url) {
  await page.addInitScript(() => {
    window.benchLongTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.benchLongTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  // Not waitForSelector: its injected script would run on the page's main thread during the start-up measured.
  await waitForMark(page, 'seqlab:first-step');
  await page.waitForTimeout(AFTER_FIRST_STEP_MS);
  return page.evaluate(() => {
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    return {
      firstStepMs: Number(document.querySelector('#m-first-step').getAttribute('data-ms')),
      engineReadyMs: mark('seqlab:engine-ready'), corpusLoadedMs: mark('seqlab:corpus-loaded'),
      trainerCreatedMs: mark('seqlab:trainer-created'),
      longestTaskMs: Math.max(0, ...window.benchLongTasks.map((t) => t.duration)),
      longestTaskAfterEngineMs: Math.max(0, ...window.benchLongTasks
        .filter((t) => t.start >= mark('seqlab:engine-ready')).map((t) => t.duration)),
      wasm: wasm ? { name: wasm.name.split('/').pop(), startMs: wasm.startTime, endMs: wasm.responseEnd,
        transferBytes: wasm.transferSize, bodyBytes: wasm.encodedBodySize } : null,
    };
  });
}

/** The playground's servers: this tree's, and with --baseline DIR (a checkout of another commit with its
 * web/engine built or copied) that tree's too, so that a change is measured against it load by load. */
async function playgroundServers() {
  const servers = [{ label: 'this tree', start: startServer }];
  const baseline = value('baseline', null);
  if (baseline) {
    const { startServer: startBaseline } = await import(pathToFileURL(path.resolve(baseline, 'scripts/serve.mjs')).href);
    servers.push({ label: `baseline (${baseline})`, start: startBaseline });
  }
  return servers;
}

/** The wait before a measured visit (bench/page-timing.mjs says why); short in a smoke run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, smoke ? 500 : BROWSER_SETTLE_MS));

async function startup() {
  const servers = await playgroundServers();
  const out = { url: '/', loads, trees: {} };
  for (const s of servers) {
    s.server = await s.start(0);
    s.url = `http://localhost:${s.server.address().port}/`;
    out.trees[s.label] = { cold: [], warm: [] };
  }
  try {
    for (let i = 0; i < loads; ++i) {
      // Alternating trees, the order turning from load to load.
      for (let j = 0; j < servers.length; ++j) {
        const s = servers[(i + j) % servers.length];
        const rows = out.trees[s.label];
        // A fresh profile: empty HTTP cache and code cache (a first visit).
        const profile = mkdtempSync(path.join(os.tmpdir(), 'seqlab-bench-profile-'));
        const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true,
          args: chromiumArgs, viewport: { width: 1400, height: 1000 } });
        try {
          const page = context.pages()[0] ?? await context.newPage();
          // A browser just started builds pages of its own first (bench/page-timing.mjs): the page is opened
          // once it has settled. The profile is still fresh: no cached file, no cached code.
          await settle();
          rows.cold.push(await visit(page, s.url));
          // Let the first visit train for a while (V8 tiers the hot functions up), then come back in a new tab
          // of the same profile: a return visit.
          await page.waitForTimeout(smoke ? 500 : 4000);
          await page.close();
          // The closed tab's renderer and worker wind down before the return visit starts (a visitor comes
          // back later than the next millisecond).
          await settle();
          const again = await context.newPage();
          rows.warm.push(await visit(again, s.url));
          log(`${s.label}, load ${i + 1}: first trained step ${fmt(rows.cold.at(-1).firstStepMs)} ms cold, ${fmt(rows.warm.at(-1).firstStepMs)} ms warm`);
        } finally {
          await context.close();
          rmSync(profile, { recursive: true, force: true });
        }
      }
    }
  } finally {
    for (const s of servers) await new Promise((resolve) => s.server.close(resolve));
  }
  return out;
}

// ---- run and report --------------------------------------------------------------------------------------
const results = { date: new Date().toISOString(), mode: smoke ? 'smoke' : 'full', machine: {
  cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, load_average_start: os.loadavg(),
  chromium: spawnSync(chromiumPath, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? null } };
if (!existsSync(path.join(root, 'web/engine/seqlab.mjs'))) {
  console.error('bench-browser: web/engine/ is missing: build the WebAssembly module first (npm run build)');
  process.exit(1);
}
if (!flag('no-speed')) {
  results.peak = wasmPeak();
  results.speed = await speed();
}
if (!flag('no-startup')) results.startup = await startup();
results.machine.load_average_end = os.loadavg();

const lines = [];
const range = (xs) => `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;
if (results.speed) {
  const s = results.speed;
  const info = s.info;
  lines.push(`Chromium page, main thread: seqlab ${info.seqlab.version} (${info.seqlab.target}, SIMD ${info.seqlab.simd ? 'on' : 'off'}` +
    `, kernels loaded: ${info.seqlab.kernels ?? 'one set (this build names none)'}${info.seqlab.kernelsNote ? ` (${info.seqlab.kernelsNote})` : ''}) against TensorFlow.js ${info.tfjs.version} ` +
    `(${info.tfjs.backend}, SIMD ${info.tfjs.simd ? 'on' : 'off'}, ${info.tfjs.threads} thread). B=${dims.B}, T=${dims.T}, ` +
    `H=${dims.H}, V=${info.V} (seqlab: The Time Machine, char level) / ${dims.V} (TF.js: one-hot), float32, plain SGD.`);
  lines.push(`Tokens/s: median (min–max) of ${reps} alternating round(s); ratio: median (min–max) of the rounds' paired ratios.`);
  lines.push('');
  lines.push('| cell | seqlab kernels | seqlab tokens/s | GFLOP/s | TF.js tokens/s | seqlab / TF.js |');
  lines.push('|---|---|---:|---:|---:|---:|');
  const refusals = [];
  results.summary = {};
  for (const [cell, c] of Object.entries(s.cells)) {
    const tfjs = checkTraining({ name: `TF.js ${cell} (browser)`, cell, dims, tokensPerS: median(c.samples.tfjs),
      peakGflops: results.peak?.gflops_best });
    refusals.push(...tfjs.problems);
    for (const id of Object.keys(c.samples).filter((k) => k !== 'tfjs')) {
      const kernels = id === 'seqlab' ? (info.seqlab.kernels ?? 'as loaded') : id.slice('seqlab:'.length);
      const mine = checkTraining({ name: `seqlab ${cell} ${kernels} (browser)`, cell, dims,
        tokensPerS: median(c.samples[id]), peakGflops: results.peak?.gflops_best });
      refusals.push(...mine.problems);
      const r = mine.ok && tfjs.ok ? pairedRatio(c.samples[id], c.samples.tfjs) : null;
      (results.summary[cell] ??= {})[kernels] = { seqlab: median(c.samples[id]), tfjs: median(c.samples.tfjs), ratio: r,
        refused: [...mine.problems, ...tfjs.problems] };
      const gflops = (median(c.samples[id]) * creditedFlopPerToken(cell, dims)) / 1e9;
      lines.push(`| ${cell.toUpperCase()} | ${kernels} | ${range(c.samples[id])} | ${fmt(gflops, 1)} | ${range(c.samples.tfjs)} | ` +
        `${r ? `${fmt(r.median, 1)}x (${fmt(r.min, 1)}–${fmt(r.max, 1)})` : 'refused'} |`);
    }
  }
  lines.push('');
  if (s.tfjsMatMul) lines.push(`TF.js tf.matMul at a GRU step's shapes in the page: ${fmt(s.tfjsMatMul.gflops, 1)} GFLOP/s (median).`);
  if (results.peak) lines.push(`WebAssembly peak multiply-add rate (bench/peak_bench in Node, ${results.peak.vector_bits}-bit, best repetition): ${fmt(results.peak.gflops_best, 1)} GFLOP/s.`);
  if (refusals.length) lines.push(`Ratios refused: ${refusals.join('; ')}.`);
  if (s.errors?.length) lines.push(`Page errors: ${s.errors.join('; ')}`);
  lines.push('');
}
if (results.startup) {
  const st = results.startup;
  const col = (rows, key) => rows.map((r) => r[key]).filter((x) => typeof x === 'number');
  const row = (label, rows) => `| ${label} | ${rows.length} | ${range(col(rows, 'firstStepMs'))} | ${fmt(median(col(rows, 'engineReadyMs')))} | ` +
    `${fmt(median(col(rows, 'corpusLoadedMs')))} | ${fmt(median(col(rows, 'trainerCreatedMs')))} | ` +
    `${fmt(median(rows.map((r) => r.wasm?.endMs ?? NaN)))} | ${rows.filter((r) => r.wasm && r.wasm.transferBytes > 1000).length} of ${rows.length} | ` +
    `${fmt(Math.max(...col(rows, 'longestTaskMs')))} | ${fmt(Math.max(...col(rows, 'longestTaskAfterEngineMs')))} |`;
  lines.push('Start-up: the playground at its defaults (scripts/serve.mjs, localhost), time from navigation, ms: median (min–max) for the first trained step, medians for the marks; ' +
    `the longest main-thread task from navigation to ${AFTER_FIRST_STEP_MS / 1000} s after the first step, and from the engine's start (seqlab:engine-ready) on, ` +
    'the largest over the loads (target: at most 100 ms; before the engine starts, a fresh renderer\'s first layout loads the fonts: Chromium\'s own work).');
  if (value('js-flags')) lines.push(`Chromium ran with --js-flags=${value('js-flags')}.`);
  lines.push('');
  lines.push('| tree | cache | loads | first trained step | engine ready | corpus loaded | trainer created | .wasm received | .wasm from the network | longest task | longest after engine ready |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [label, rows] of Object.entries(st.trees)) {
    lines.push(`| ${label} ${row('cold (fresh profile)', rows.cold)}`);
    lines.push(`| ${label} ${row('warm (return visit)', rows.warm)}`);
  }
  lines.push('');
  results.startup.summary = Object.fromEntries(Object.entries(st.trees).map(([label, rows]) => [label,
    { cold_median_ms: median(col(rows.cold, 'firstStepMs')), warm_median_ms: median(col(rows.warm, 'firstStepMs')),
      longest_task_ms: Math.max(...col([...rows.cold, ...rows.warm], 'longestTaskMs')),
      longest_task_after_engine_ready_ms: Math.max(...col([...rows.cold, ...rows.warm], 'longestTaskAfterEngineMs')) }]));
}
results.page_module = pageModuleSize(root);
lines.push(results.page_module ? results.page_module.line : 'page module: not built (web/engine/seqlab_core.wasm)');
lines.push(`Load average (1, 5, 15 min) at start ${results.machine.load_average_start.map((x) => x.toFixed(2)).join(', ')}, ` +
  `at end ${results.machine.load_average_end.map((x) => x.toFixed(2)).join(', ')}; ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.chromium}.`);
results.table = lines.join('\n');
mkdirSync(path.join(root, 'build'), { recursive: true });
writeFileSync(path.join(root, 'build/bench-browser.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(results.table);
