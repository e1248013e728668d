// Builds the libFuzzer targets (CMake preset `fuzz`: clang-14 with libFuzzer, ASan + UBSan) and fuzzes each
// for SECONDS (default 60), one after the other. Each target first replays its kept regressions
// (tests/fuzz/regressions/<name>/), then fuzzes from the committed seeds (tests/fuzz/corpus/<name>/) plus a
// working corpus in build/fuzz/corpus/<name>/ that grows between runs (the committed seeds never change).
// A finding (crash, sanitizer report, failed property, timeout, out of memory) is written to
// build/fuzz/findings/<name>/; to keep it as a regression test, fix the engine and copy the file into
// tests/fuzz/regressions/<name>/ (the doctest suite replays that folder natively and in WebAssembly).
//
// Usage: npm run fuzz -- [SECONDS] [TARGET ...]      e.g. npm run fuzz -- 300 checkpoint
// Prints per target: CPU-seconds, executions, findings; ends with `N targets fuzzed, M with findings`.
// A target that executed no input counts as a finding.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const seconds = args.length && /^\d+$/.test(args[0]) ? Number(args.shift()) : 60;
const only = args;
const buildDir = path.join(root, 'build', 'fuzz');

// The targets are the files tests/fuzz/<name>_target.cpp (CMake builds fuzz_<name> from each).
const targets = readdirSync(path.join(root, 'tests', 'fuzz'))
  .filter((f) => f.endsWith('_target.cpp'))
  .map((f) => f.slice(0, -'_target.cpp'.length))
  .filter((name) => !only.length || only.includes(name))
  .sort();
if (!targets.length) {
  console.error(`fuzz: no target named ${only.join(', ')}`);
  process.exit(2);
}

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`fuzz: ${command} ${commandArgs.join(' ')} failed`);
    console.error('fuzz: the fuzz build needs clang-14 and libclang-rt-14-dev (bash scripts/setup.sh installs them)');
    console.log(`${targets.length} targets fuzzed, ${targets.length} with findings`);
    process.exit(1);
  }
}
if (!existsSync(path.join(buildDir, 'CMakeCache.txt'))) run('cmake', ['--preset', 'fuzz']);
run('nice', ['-n', '5', 'cmake', '--build', buildDir, '-j2', '--target', 'seqlab_fuzz_targets']);

const filesIn = (dir) => (existsSync(dir) ? readdirSync(dir).map((f) => path.join(dir, f)) : []);

// Runs a libFuzzer executable under bash's `times`, which reports the CPU time of the finished child.
function fuzzProcess(executable, fuzzerArgs) {
  return new Promise((resolve) => {
    const script = '"$@"; status=$?; times >&2; exit $status';
    const child = spawn('bash', ['-c', script, 'fuzz', executable, ...fuzzerArgs], {
      cwd: root, env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1', UBSAN_OPTIONS: 'print_stacktrace=1' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('close', (code) => resolve({ output, code: code ?? 1 }));
  });
}

/** bash `times`: the second line is the children's user and system time, e.g. "1m0.512s 0m0.320s". */
function childCpuSeconds(output) {
  const lines = output.trim().split('\n').filter((l) => /^\d+m[\d.]+s \d+m[\d.]+s$/.test(l));
  if (!lines.length) return NaN;
  const toSeconds = (t) => { const [m, s] = t.slice(0, -1).split('m'); return Number(m) * 60 + Number(s); };
  const [user, system] = lines[lines.length - 1].split(' ');
  return toSeconds(user) + toSeconds(system);
}

const results = [];
for (const name of targets) {
  const executable = path.join(buildDir, `fuzz_${name}`);
  const seeds = path.join(root, 'tests', 'fuzz', 'corpus', name);
  const regressions = filesIn(path.join(root, 'tests', 'fuzz', 'regressions', name));
  const working = path.join(buildDir, 'corpus', name);
  const findings = path.join(buildDir, 'findings', name);
  mkdirSync(working, { recursive: true });
  mkdirSync(findings, { recursive: true });
  const common = [`-artifact_prefix=${findings}/`, '-rss_limit_mb=2048', '-timeout=30', '-max_len=8192'];

  let failed = false;
  let log = '';
  if (regressions.length) {
    // Given files (not folders), libFuzzer runs each once and stops at the first finding.
    const replay = await fuzzProcess(executable, [...common, ...regressions]);
    log += replay.output;
    if (replay.code !== 0) failed = true;
  }
  const fuzzing = await fuzzProcess(executable, [
    ...common, `-max_total_time=${seconds}`, '-print_final_stats=1', working, seeds,
  ]);
  log += fuzzing.output;
  if (fuzzing.code !== 0) failed = true;

  const executions = Number(fuzzing.output.match(/stat::number_of_executed_units:\s*(\d+)/)?.[1] ?? NaN);
  // A target that ran no input (its seeds gone, a target that returns at once, a libFuzzer that never
  // started) proved nothing: it fails like a finding.
  const idle = !(executions > 0);
  if (idle) failed = true;
  const cpu = childCpuSeconds(fuzzing.output);
  const written = [...log.matchAll(/Test unit written to (\S+)/g)].map((m) => m[1]);
  if (failed) {
    // The sanitizer's or libFuzzer's report, for the reader of the CI log.
    console.log(log.split('\n').filter((l) => !/^#\d+\s/.test(l)).slice(-60).join('\n'));
  }
  const line = `fuzz ${name}: ${cpu.toFixed(1)} CPU-seconds, ${executions} executions, ` +
    `${regressions.length} regressions replayed, ${failed ? 'FINDING' : 'no finding'}` +
    (idle ? ' (no input ran)' : '') +
    (written.length ? ` (${written.join(', ')})` : '');
  console.log(line);
  results.push({ name, failed });
}

const withFindings = results.filter((r) => r.failed).length;
console.log(`${results.length} targets fuzzed, ${withFindings} with findings`);
process.exit(withFindings ? 1 : 0);
