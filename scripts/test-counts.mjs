// How scripts/test.mjs reads a runner's summary and what it counts: the parsers of doctest's and node:test's
// summaries, and the guard that turns "nothing ran", "some were skipped" and "a failing exit code with no
// failure counted" into failures. Tested by tests/js/test-counts.test.mjs.

/** doctest: "[doctest] test cases: 12 | 12 passed | 0 failed | 0 skipped" */
export function parseDoctest(output) {
  const m = output.match(/test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed\s*\|\s*(\d+) skipped/);
  return m ? { passed: Number(m[2]), failed: Number(m[3]), skipped: Number(m[4]) } : null;
}

/** node:test TAP summary: "# pass 5" / "# fail 0" / "# skipped 0" / "# todo 0" */
export function parseTap(output) {
  const count = (name) => Number(output.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? NaN);
  const [passed, failed] = [count('pass'), count('fail')];
  if (Number.isNaN(passed) || Number.isNaN(failed)) return null;
  return { passed, failed, skipped: (count('skipped') || 0) + (count('todo') || 0) };
}

/**
 * A runner's counts as the total counts them: a run that ran no test, or skipped some (a skip hides a test
 * that should have run; none of seqlab's tests is skipped on purpose), is a failure, with the reason.
 */
export function guarded(counts, code) {
  if (!counts) return { passed: 0, failed: 1, note: 'no summary (the runner crashed or did not start)' };
  const notes = [];
  let failed = counts.failed;
  if (counts.passed + counts.failed === 0) {
    failed += 1;
    notes.push('no test ran');
  }
  if (counts.skipped > 0) {
    failed += 1;
    notes.push(`${counts.skipped} skipped or todo`);
  }
  if (code !== 0 && failed === 0) {
    failed = 1;
    notes.push(`exit code ${code}`);
  }
  return { passed: counts.passed, failed, ...(notes.length ? { note: notes.join('; ') } : {}) };
}
