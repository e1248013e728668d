// Runs every test runner of seqlab, prints each runner's totals, and ends with one line
// `N passed, N failed` summing them (exit code 1 if anything failed or a runner could not report).
//   native doctest (CTest) | WASM doctest in Node | JS API and CLI tests (node:test) |
//   browser tests (Playwright + Debian's Chromium) | bench smoke (scripts/bench.mjs --smoke) |
//   the doctest suite under ASan + UBSan | libFuzzer targets, 60 s each | PyTorch cross-checks (python3-torch)
// Usage: node scripts/test.mjs [runner-name-substring ...]
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { guarded, parseDoctest, parseTap } from './test-counts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);

function pythonChecks() {
  const dir = path.join(root, 'tests', 'reference');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('_check.py')).map((f) => path.join(dir, f));
}

const runners = [
  {
    name: 'native doctest (ctest)',
    command: 'ctest', args: ['--test-dir', 'build/native', '-V'],
    parse: parseDoctest,
  },
  {
    name: 'wasm doctest (node)',
    command: 'node', args: ['--no-experimental-fetch', 'build/wasm/seqlab_tests.js', '--no-colors'],
    parse: parseDoctest,
  },
  {
    name: 'js (node:test)',
    command: 'node', args: ['--test', '--test-reporter=tap', 'tests/js/'],
    parse: parseTap,
  },
  {
    name: 'browser (playwright)',
    command: 'node', args: ['--test', '--test-reporter=tap', '--test-concurrency=1', 'tests/browser/'],
    parse: parseTap,
  },
  {
    // The speed benchmark at tiny sizes, one repetition: keeps `npm run bench` from rotting. It passes when
    // the script exits 0 and printed its table (numbers are never asserted).
    name: 'bench smoke',
    command: 'node', args: ['scripts/bench.mjs', '--smoke'],
    parse: (output, code) => {
      const ok = code === 0 && /\| GRU \|/.test(output);
      return { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
    },
  },
  {
    // The whole doctest suite under AddressSanitizer + UndefinedBehaviorSanitizer (CMake preset `sanitize`,
    // built here at -O1): any report stops the run, so a finding shows as a missing summary or an exit code.
    name: 'sanitize doctest (asan+ubsan)',
    command: 'bash',
    args: ['-c', 'cmake --preset sanitize >/dev/null && nice -n 5 cmake --build build/sanitize -j2 --target ' +
      'seqlab_tests && build/sanitize/seqlab_tests --no-colors'],
    env: { ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=0', UBSAN_OPTIONS: 'print_stacktrace=1' },
    parse: parseDoctest,
  },
  {
    // Each libFuzzer target for 60 s (scripts/fuzz.mjs builds them): one result per target, failed when
    // it found a crash, a sanitizer report or a broken property, or a kept regression fails again.
    name: 'fuzz (libfuzzer, 60 s per target)',
    command: 'node', args: ['scripts/fuzz.mjs', '60'],
    parse: (output) => {
      const m = output.match(/^(\d+) targets fuzzed, (\d+) with findings$/m);
      return m ? { passed: Number(m[1]) - Number(m[2]), failed: Number(m[2]) } : null;
    },
  },
  ...pythonChecks().map((script) => ({
    name: `pytorch check ${path.basename(script)}`,
    command: '/usr/bin/python3', args: [script],
    // A check script reports one result: its exit code.
    parse: (_output, code) => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 }),
  })),
];

function runOne(runner) {
  return new Promise((resolve) => {
    const child = spawn(runner.command, runner.args, {
      cwd: root, env: { ...process.env, NODE_PATH: '/usr/share/nodejs', FORCE_COLOR: '0', ...runner.env },
    });
    let output = '';
    const collect = (stream) => (chunk) => { output += chunk; stream.write(chunk); };
    child.stdout.on('data', collect(process.stdout));
    child.stderr.on('data', collect(process.stderr));
    child.on('error', (error) => { output += String(error); });
    child.on('close', (code) => resolve({ output, code: code ?? 1 }));
  });
}

const totals = [];
for (const runner of runners) {
  if (only.length && !only.some((o) => runner.name.includes(o))) continue;
  console.log(`\n=== ${runner.name}: ${runner.command} ${runner.args.join(' ')}`);
  const { output, code } = await runOne(runner);
  totals.push({ name: runner.name, ...guarded(runner.parse(output, code), code) });
}

// The same doctest sources run natively and as WebAssembly: the two must count the same test cases, or one of
// them silently lost some (a file left out of a build, a test compiled out on one target).
const native = totals.find((t) => t.name.startsWith('native doctest'));
const wasm = totals.find((t) => t.name.startsWith('wasm doctest'));
if (native && wasm && native.passed + native.failed !== wasm.passed + wasm.failed) {
  totals.push({ name: 'native and wasm doctest count the same cases', passed: 0, failed: 1,
    note: `native ${native.passed + native.failed}, wasm ${wasm.passed + wasm.failed}` });
}

console.log('\n=== totals');
for (const t of totals) {
  console.log(`${t.name}: ${t.passed} passed, ${t.failed} failed${t.note ? ` (${t.note})` : ''}`);
}
const passed = totals.reduce((s, t) => s + t.passed, 0);
const failed = totals.reduce((s, t) => s + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && totals.length > 0 ? 0 : 1);
