// The runners scripts/test.mjs starts, with how each one's output is read and the floor of tests it must
// report (the count its sources declare). Kept apart from test.mjs so that tests/js/test-counts.test.mjs can
// feed these same runners doctored outputs (no test, fewer than declared, a skip, an idle fuzz target).
//   native doctest (CTest) | WASM doctest in Node | JS API and CLI tests (node:test) |
//   browser tests (Playwright + Debian's Chromium) | bench smoke (scripts/bench.mjs --smoke) |
//   the doctest suite under ASan + UBSan | libFuzzer targets, 60 s each | PyTorch cross-checks (python3-torch)
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  declaredDoctestCases, declaredNodeTests, guarded, parseDoctest, parseFuzz, parseTap, readAllowedSkips,
} from './test-counts.mjs';

function pythonChecks(root) {
  const dir = path.join(root, 'tests', 'reference');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('_check.py')).map((f) => path.join(dir, f));
}

const fuzzTargets = (root) => {
  const dir = path.join(root, 'tests', 'fuzz');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('_target.cpp')).length : 0;
};

/** Every runner of `npm test`, in the order it runs them. */
export function testRunners(root) {
  const allowed = readAllowedSkips(path.join(root, 'tests', 'allowed-skips.json'));
  const doctestCases = declaredDoctestCases(root);
  return [
    {
      name: 'native doctest (ctest)',
      command: 'ctest', args: ['--test-dir', 'build/native', '-V'],
      parse: parseDoctest, minimum: doctestCases, allowed: allowed.doctest,
    },
    {
      name: 'wasm doctest (node)',
      command: 'node', args: ['--no-experimental-fetch', 'build/wasm/seqlab_tests.js', '--no-colors'],
      parse: parseDoctest, minimum: doctestCases, allowed: allowed.doctest,
    },
    {
      name: 'js (node:test)',
      command: 'node', args: ['--test', '--test-reporter=tap', 'tests/js/'],
      parse: parseTap, minimum: declaredNodeTests(path.join(root, 'tests', 'js')), allowed: allowed.nodeTest,
    },
    {
      name: 'browser (playwright)',
      command: 'node', args: ['--test', '--test-reporter=tap', '--test-concurrency=1', 'tests/browser/'],
      parse: parseTap, minimum: declaredNodeTests(path.join(root, 'tests', 'browser')), allowed: allowed.nodeTest,
    },
    {
      // The speed benchmark at tiny sizes, one repetition: keeps `npm run bench` from rotting. It passes when
      // the script exits 0 and printed its table (numbers are never asserted).
      name: 'bench smoke',
      command: 'node', args: ['scripts/bench.mjs', '--smoke'],
      parse: (output, code) => {
        const ok = code === 0 && /\| GRU \|/.test(output);
        return { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
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
      parse: parseDoctest, minimum: doctestCases, allowed: allowed.doctest,
    },
    {
      // Each libFuzzer target for 60 s (scripts/fuzz.mjs builds them): one result per target, failed when
      // it found a crash, a sanitizer report or a broken property, ran no input, or a kept regression fails.
      name: 'fuzz (libfuzzer, 60 s per target)',
      command: 'node', args: ['scripts/fuzz.mjs', '60'],
      parse: parseFuzz, minimum: fuzzTargets(root),
    },
    ...pythonChecks(root).map((script) => ({
      name: `pytorch check ${path.basename(script)}`,
      command: '/usr/bin/python3', args: [script],
      // A check script reports one result: its exit code.
      parse: (_output, code) => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 }),
    })),
  ];
}

/** One runner's totals from its output and exit code, with the guards applied. */
export function runnerTotals(runner, output, code) {
  return { name: runner.name, ...guarded(runner.parse(output, code), code, runner) };
}
