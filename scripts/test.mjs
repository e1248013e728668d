// Runs every test runner of seqlab, prints each runner's totals, and ends with one line
// `N passed, N failed` summing them (exit code 1 if anything failed or a runner could not report).
// The runners are listed in scripts/test-runners.mjs; how their outputs are read and guarded (fewer tests than
// the sources declare, skips without a reason, an idle fuzz target, native and WASM counts that differ) is in
// scripts/test-counts.mjs.
// Usage: node scripts/test.mjs [runner-name-substring ...]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { verdict } from './test-counts.mjs';
import { runnerTotals, testRunners } from './test-runners.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const runners = testRunners(root);

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
  totals.push(runnerTotals(runner, output, code));
}

// Guards over the whole run (scripts/test-counts.mjs): the native and WASM doctest counts must be equal.
const result = verdict(totals);
console.log('\n=== totals');
for (const t of result.totals) {
  console.log(`${t.name}: ${t.passed} passed, ${t.failed} failed${t.note ? ` (${t.note})` : ''}`);
}
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(result.ok ? 0 : 1);
