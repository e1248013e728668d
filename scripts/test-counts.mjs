// How scripts/test.mjs reads a runner's output and what it counts: the parsers of doctest's, node:test's and
// the fuzz runner's summaries; the number of tests the sources declare (a floor for what must run); the
// skips allowed with a reason (tests/allowed-skips.json); and the verdict over all runners. Everything here
// is a plain function of the outputs, so tests/js/test-counts.test.mjs feeds it doctored outputs without
// running a suite.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** doctest: "[doctest] test cases: 12 | 12 passed | 0 failed | 0 skipped" */
export function parseDoctest(output) {
  const m = output.match(/test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed\s*\|\s*(\d+) skipped/);
  return m ? { passed: Number(m[2]), failed: Number(m[3]), skipped: Number(m[4]) } : null;
}

/**
 * node:test TAP summary: "# pass 5" / "# fail 0" / "# cancelled 0" / "# skipped 0" / "# todo 0", and the names
 * of the skipped and todo tests from their result lines ("ok 3 - name # SKIP reason").
 */
export function parseTap(output) {
  const count = (name) => Number(output.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? NaN);
  const [passed, failed] = [count('pass'), count('fail')];
  if (Number.isNaN(passed) || Number.isNaN(failed)) return null;
  // A cancelled test (its file crashed, or a timeout) did not pass: it counts as failed.
  const cancelled = count('cancelled') || 0;
  const skippedNames = [...output.matchAll(/^\s*(?:not )?ok \d+ - (.*?) # (?:SKIP|TODO)\b/gm)].map((m) => m[1]);
  return {
    passed, failed: failed + cancelled, skipped: (count('skipped') || 0) + (count('todo') || 0), skippedNames,
  };
}

/**
 * scripts/fuzz.mjs: one line per target, "fuzz NAME: 61.2 CPU-seconds, 5321 executions, 2 regressions
 * replayed, no finding", then "N targets fuzzed, M with findings". A target that ran no input (0 or no
 * executions: a seed folder gone, a target that exits at once) fails like a finding.
 */
export function parseFuzz(output) {
  const summary = output.match(/^(\d+) targets fuzzed, (\d+) with findings$/m);
  if (!summary) return null;
  const targets = [...output.matchAll(/^fuzz (\S+): .*?, (\S+) executions, .*?, (FINDING|no finding)/gm)]
    .map((m) => ({ name: m[1], executions: Number(m[2]), finding: m[3] === 'FINDING' }));
  const idle = targets.filter((t) => !(t.executions > 0)).map((t) => t.name);
  const failedTargets = targets.filter((t) => t.finding || !(t.executions > 0)).length;
  const total = Number(summary[1]);
  return {
    passed: total - Math.max(failedTargets, Number(summary[2])),
    failed: Math.max(failedTargets, Number(summary[2])),
    skipped: 0,
    ...(idle.length ? { idle } : {}),
    // A summary line without its per-target lines is not believed.
    ...(targets.length !== total ? { unlisted: total - targets.length } : {}),
  };
}

const sourceFiles = (dir, suffix, recursive) => {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return recursive ? sourceFiles(full, suffix, recursive) : [];
    return e.name.endsWith(suffix) ? [full] : [];
  });
};

/** TEST_CASE( at the start of a line, outside // comments (doctest registers one case per such macro). */
export function countTestCases(text) {
  return (text.match(/^[ \t]*TEST_CASE(?:_FIXTURE|_TEMPLATE)?\s*\(/gm) ?? []).length;
}

/**
 * The doctest sources seqlab_tests is built from (CMakeLists.txt: tests/doctest_main.cpp, tests/engine/**,
 * tests/wasm/*, tests/cli/**, the fuzz targets' bodies and the regression replay) and their TEST_CASE count:
 * the same number the native and the WASM runner must reach.
 */
export function declaredDoctestCases(root) {
  const t = (...p) => path.join(root, 'tests', ...p);
  const files = [
    t('doctest_main.cpp'), ...sourceFiles(t('engine'), '.cpp', true), ...sourceFiles(t('wasm'), '.cpp', false),
    ...sourceFiles(t('cli'), '.cpp', true), ...sourceFiles(t('fuzz'), '_target.cpp', false),
    t('fuzz', 'fuzz_targets.cpp'), t('fuzz', 'regressions_test.cpp'),
  ].filter((f) => existsSync(f));
  return files.reduce((sum, f) => sum + countTestCases(readFileSync(f, 'utf8')), 0);
}

/** test( / it( at the start of a statement: a floor (a test declared in a loop counts once, runs more). */
export function countNodeTests(text) {
  return (text.match(/^[ \t]*(?:test|it)(?:\.(?:skip|todo|only))?\s*\(/gm) ?? []).length;
}

/** The tests declared in the *.test.mjs files of a folder. */
export function declaredNodeTests(dir) {
  return sourceFiles(dir, '.test.mjs', false).reduce((sum, f) => sum + countNodeTests(readFileSync(f, 'utf8')), 0);
}

/**
 * tests/allowed-skips.json: { "doctest": { "case name": "reason" }, "node:test": { "test name": "reason" } }.
 * A skip is allowed only when its test is listed with a reason (a non-empty string).
 */
export function readAllowedSkips(file) {
  const raw = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const list = (group) => Object.entries(raw[group] ?? {}).filter(([, reason]) => typeof reason === 'string' &&
    reason.trim() !== '').map(([name]) => name);
  return { doctest: list('doctest'), nodeTest: list('node:test') };
}

/**
 * A runner's counts as the total counts them. Failures are added, each with its reason, for: no summary; no
 * test ran; fewer tests than the sources declare (`minimum`); skips or todos not allowed (`allowed`: names of
 * node:test tests, or for doctest, whose summary names none, how many may be skipped); a fuzz target that ran
 * no input; a failing exit code with no failure counted.
 */
export function guarded(counts, code, { minimum = 0, allowed = [] } = {}) {
  if (!counts) return { passed: 0, failed: 1, note: 'no summary (the runner crashed or did not start)' };
  const notes = [];
  let failed = counts.failed;
  const ran = counts.passed + counts.failed;
  if (ran === 0) {
    failed += 1;
    notes.push('no test ran');
  } else if (ran + (counts.skipped ?? 0) < minimum) {
    failed += 1;
    notes.push(`${ran + (counts.skipped ?? 0)} tests reported, the sources declare ${minimum}`);
  }
  if (counts.skipped > 0) {
    const unexplained = counts.skippedNames
      ? counts.skippedNames.filter((name) => !allowed.includes(name))
      : (counts.skipped > allowed.length ? [`${counts.skipped - allowed.length} of ${counts.skipped}`] : []);
    // A skip the TAP output does not name (the summary counts more than the lines show) is unexplained too.
    const unnamed = counts.skippedNames ? counts.skipped - counts.skippedNames.length : 0;
    if (unexplained.length || unnamed > 0) {
      failed += 1;
      notes.push(`skipped or todo without a reason in tests/allowed-skips.json: ${
        [...unexplained, ...(unnamed > 0 ? [`${unnamed} unnamed`] : [])].join(', ')}`);
    }
  }
  if (counts.idle?.length) notes.push(`no input ran: ${counts.idle.join(', ')}`);
  if (counts.unlisted) {
    failed += 1;
    notes.push(`${counts.unlisted} targets counted without their line`);
  }
  if (code !== 0 && failed === 0) {
    failed = 1;
    notes.push(`exit code ${code}`);
  }
  return { passed: counts.passed, failed, ...(notes.length ? { note: notes.join('; ') } : {}) };
}

/**
 * The verdict over every runner's guarded totals: the native and WASM doctest runs must count the same cases
 * (the same sources run on both; a difference means one lost some), and something must have run.
 */
export function verdict(totals) {
  const all = [...totals];
  const native = all.find((t) => t.name.startsWith('native doctest'));
  const wasm = all.find((t) => t.name.startsWith('wasm doctest'));
  if (native && wasm && native.passed + native.failed !== wasm.passed + wasm.failed) {
    all.push({ name: 'native and wasm doctest count the same cases', passed: 0, failed: 1,
      note: `native ${native.passed + native.failed}, wasm ${wasm.passed + wasm.failed}` });
  }
  const passed = all.reduce((s, t) => s + t.passed, 0);
  const failed = all.reduce((s, t) => s + t.failed, 0);
  return { totals: all, passed, failed, ok: failed === 0 && all.length > 0 };
}
