// The test runner's guards (scripts/test-counts.mjs, applied to the runners of scripts/test-runners.mjs):
// doctored outputs of the real runners (no test, fewer than the sources declare, a skip, a fuzz target that
// ran no input, native and WASM counts that differ) each fail the run; real summaries parse and pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import {
  countNodeTests, countTestCases, guarded, parseDoctest, parseFuzz, parseTap, verdict,
} from '../../scripts/test-counts.mjs';
import { runnerTotals, testRunners } from '../../scripts/test-runners.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const runners = testRunners(root);
const runner = (prefix) => runners.find((r) => r.name.startsWith(prefix));
const doctestLine = (n, passed, failed = 0, skipped = 0) =>
  `[doctest] test cases: ${n} | ${passed} passed | ${failed} failed | ${skipped} skipped\n`;
const tap = ({ pass, fail = 0, skipped = 0, todo = 0, lines = '' }) =>
  `TAP version 13\n${lines}# tests ${pass + fail + skipped + todo}\n# suites 0\n# pass ${pass}\n# fail ${fail}\n` +
  `# cancelled 0\n# skipped ${skipped}\n# todo ${todo}\n# duration_ms 10\n`;
const fuzzOutput = (executions) => `${executions.map((e, i) => `fuzz t${i}: 60.1 CPU-seconds, ${e} executions, ` +
  '0 regressions replayed, no finding').join('\n')}\n${executions.length} targets fuzzed, 0 with findings\n`;

/** What a clean run of every runner prints, at the counts its sources declare. */
function cleanOutputs() {
  return runners.map((r) => {
    if (r.parse === parseDoctest) return doctestLine(r.minimum, r.minimum);
    if (r.parse === parseTap) return tap({ pass: r.minimum });
    if (r.parse === parseFuzz) return fuzzOutput(Array(r.minimum).fill(5000));
    return '| GRU | 1 |';
  });
}
const judge = (outputs, codes = []) => verdict(runners.map((r, i) => runnerTotals(r, outputs[i], codes[i] ?? 0)));

test('the source counts: TEST_CASE and test( at the start of a line, commented ones left out', () => {
  assert.equal(countTestCases('TEST_CASE("a") {}\n  TEST_CASE("b") {\n// TEST_CASE("c")\nx; TEST_CASE("d")\n'), 2);
  assert.equal(countNodeTests("test('a', () => {});\n  test('b', () => {});\n// test('c')\nfoo.test('d');\n"), 2);
  // Today's sources declare 198 doctest cases and 78 + 72 node:test tests; the floor only grows.
  assert.ok(runner('native doctest').minimum >= 198, String(runner('native doctest').minimum));
  assert.equal(runner('wasm doctest').minimum, runner('native doctest').minimum);
  assert.ok(runner('js').minimum >= 78 && runner('browser').minimum >= 72);
  assert.ok(runner('fuzz').minimum >= 5);
});

test('a clean run of every runner at its declared counts passes', () => {
  const result = judge(cleanOutputs());
  assert.equal(result.ok, true, JSON.stringify(result.totals.filter((t) => t.failed)));
});

test('zero tests, fewer than declared, a crash without summary: each fails the run', () => {
  const doctest = runners.findIndex((r) => r.name.startsWith('native doctest'));
  const js = runners.findIndex((r) => r.name.startsWith('js'));
  const n = runners[doctest].minimum;
  for (const [index, output, why] of [
    [doctest, doctestLine(0, 0), /no test ran/],
    [doctest, doctestLine(n - 1, n - 1), new RegExp(`${n - 1} tests reported, the sources declare ${n}`)],
    [doctest, 'Segmentation fault\n', /no summary/],
    [js, tap({ pass: 0 }), /no test ran/],
    [js, tap({ pass: runners[js].minimum - 1 }), /the sources declare/],
  ]) {
    const outputs = cleanOutputs();
    outputs[index] = output;
    const result = judge(outputs);
    assert.equal(result.ok, false, output);
    assert.match(result.totals[index].note, why);
  }
});

test('native and WASM doctest counts that differ fail, even when each passes its floor', () => {
  const outputs = cleanOutputs();
  const wasm = runners.findIndex((r) => r.name.startsWith('wasm doctest'));
  outputs[wasm] = doctestLine(runners[wasm].minimum + 1, runners[wasm].minimum + 1);
  const result = judge(outputs);
  assert.equal(result.ok, false);
  assert.match(result.totals.at(-1).note, /native \d+, wasm \d+/);
});

test('a skip or todo fails unless tests/allowed-skips.json lists it with a reason', () => {
  const js = runners.findIndex((r) => r.name.startsWith('js'));
  const n = runners[js].minimum;
  const skippedLine = 'ok 7 - the probe # SKIP not built\n';
  const outputs = cleanOutputs();
  outputs[js] = tap({ pass: n - 1, skipped: 1, lines: skippedLine });
  const result = judge(outputs);
  assert.equal(result.ok, false);
  assert.match(result.totals[js].note, /without a reason.*the probe/);
  outputs[js] = tap({ pass: n - 1, todo: 1, lines: 'ok 7 - later # TODO\n' });
  assert.equal(judge(outputs).ok, false);
  // Listed with a reason, the same skip is allowed; a skip the output does not name never is.
  const counts = parseTap(tap({ pass: n - 1, skipped: 1, lines: skippedLine }));
  assert.deepEqual(guarded(counts, 0, { minimum: n, allowed: ['the probe'] }), { passed: n - 1, failed: 0 });
  assert.equal(guarded(parseTap(tap({ pass: n - 1, skipped: 1 })), 0, { minimum: n, allowed: ['the probe'] }).failed, 1);
  // doctest's summary names no case: its skips are allowed up to the number listed.
  assert.equal(guarded(parseDoctest(doctestLine(5, 4, 0, 1)), 0, { minimum: 5 }).failed, 1);
  assert.equal(guarded(parseDoctest(doctestLine(5, 4, 0, 1)), 0, { minimum: 5, allowed: ['x'] }).failed, 0);
});

test('a fuzz target that ran no input fails the fuzz runner', () => {
  const fuzz = runners.findIndex((r) => r.name.startsWith('fuzz'));
  const targets = runners[fuzz].minimum;
  const outputs = cleanOutputs();
  outputs[fuzz] = fuzzOutput([...Array(targets - 1).fill(5000), 0]);
  let result = judge(outputs);
  assert.equal(result.ok, false);
  assert.equal(result.totals[fuzz].failed, 1);
  assert.match(result.totals[fuzz].note, /no input ran: t\d/);
  // No executions printed at all (a target that never started) is the same.
  outputs[fuzz] = fuzzOutput([...Array(targets - 1).fill(5000), 'NaN']);
  assert.equal(judge(outputs).ok, false);
  // Fewer targets than tests/fuzz declares, or a summary without its lines, fail too.
  outputs[fuzz] = fuzzOutput(Array(targets - 1).fill(5000));
  assert.equal(judge(outputs).ok, false);
  outputs[fuzz] = `${targets} targets fuzzed, 0 with findings\n`;
  result = judge(outputs);
  assert.equal(result.ok, false);
  assert.deepEqual(parseFuzz(fuzzOutput([7, 0])).idle, ['t1']);
});

test('a failing exit code with every count passing fails', () => {
  const bench = runners.findIndex((r) => r.name === 'bench smoke');
  const doctest = runners.findIndex((r) => r.name.startsWith('native doctest'));
  const codes = [];
  codes[doctest] = 1;
  assert.equal(judge(cleanOutputs(), codes).ok, false);
  codes[doctest] = 0;
  codes[bench] = 1;
  assert.equal(judge(cleanOutputs(), codes).ok, false);
});

test('doctest and node:test summaries as the runners print them parse', () => {
  assert.deepEqual(parseDoctest('1: [doctest] test cases:   181 |   180 passed | 1 failed | 0 skipped'),
    { passed: 180, failed: 1, skipped: 0 });
  assert.deepEqual(parseTap('# Subtest: a\nok 1 - a # SKIP because\n# tests 5\n# pass 4\n# fail 0\n' +
    '# cancelled 1\n# skipped 1\n# todo 0\n'), { passed: 4, failed: 1, skipped: 1, skippedNames: ['a'] });
  assert.equal(parseTap('# pass 2\n'), null);
});
