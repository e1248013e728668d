// The test runner's guard (scripts/test-counts.mjs): a runner that ran nothing, skipped tests, or exited with
// an error while counting no failure is counted as failed; real summaries of doctest and node:test parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guarded, parseDoctest, parseTap } from '../../scripts/test-counts.mjs';

test('doctest summaries parse with their skipped count', () => {
  assert.deepEqual(parseDoctest('[doctest] test cases:   181 |   180 passed | 1 failed | 0 skipped'),
    { passed: 180, failed: 1, skipped: 0 });
  assert.deepEqual(parseDoctest('[doctest] test cases: 3 | 3 passed | 0 failed | 178 skipped'),
    { passed: 3, failed: 0, skipped: 178 });
  assert.equal(parseDoctest('Segmentation fault'), null);
});

test('node:test summaries parse with skipped and todo', () => {
  assert.deepEqual(parseTap('# tests 5\n# pass 4\n# fail 0\n# cancelled 0\n# skipped 1\n# todo 0\n'),
    { passed: 4, failed: 0, skipped: 1 });
  assert.deepEqual(parseTap('# pass 2\n# fail 1\n# todo 3\n'), { passed: 2, failed: 1, skipped: 3 });
  assert.equal(parseTap('# pass 2\n'), null);
});

test('the guard fails a run of zero tests, a run with skips, a failing exit without failures, a missing summary', () => {
  assert.deepEqual(guarded({ passed: 0, failed: 0, skipped: 0 }, 0), { passed: 0, failed: 1, note: 'no test ran' });
  assert.deepEqual(guarded({ passed: 3, failed: 0, skipped: 2 }, 0), { passed: 3, failed: 1, note: '2 skipped or todo' });
  assert.deepEqual(guarded({ passed: 3, failed: 0 }, 2), { passed: 3, failed: 1, note: 'exit code 2' });
  assert.equal(guarded(null, 0).failed, 1);
  // What passes stays as it was.
  assert.deepEqual(guarded({ passed: 7, failed: 0, skipped: 0 }, 0), { passed: 7, failed: 0 });
  assert.deepEqual(guarded({ passed: 7, failed: 2, skipped: 0 }, 1), { passed: 7, failed: 2 });
});
