// The mutant suite: small, realistic bugs (tests/mutants/*.patch) put one at a time into a scratch copy of the
// repository, built, and run against the tests that should catch them. A mutant is killed when one of those
// tests fails (or the run crashes or times out); one that every test survives fails the suite, because it
// names a bug the tests cannot see.
//
// A patch is a unified diff (git diff) whose header lines name the tests that must kill it:
//   # mutant: the carried hidden state is not carried
//   # kill: doctest <doctest -tc filter>                     native seqlab_tests
//   # kill: node <tests/...test.mjs> [test-name pattern]     node:test (the web/engine the wasm build made)
//   # kill: python <tests/reference/X.py>                    a reference check against the scratch CLI
//
// The scratch copy is build/mutants/tree: the repository's tracked sources, copied where they differ (so a
// second run rebuilds only what changed), built with the native preset in build/mutants/tree/build/native,
// one build directory for every mutant: a mutant recompiles the file it touches and relinks. Before any
// mutant the same tests run on the unchanged copy and must pass. Native only: the WASM build takes ten
// times longer and runs the same C++; so node:test kills are for mutants of the page's JS (web/) alone.
//
// Usage: node scripts/mutants.mjs [name-substring ...]     (npm run mutants)
// Prints one line per mutant (killing tests, seconds) and a Markdown table; exit 1 on a survivor or an error.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const tree = path.join(root, 'build', 'mutants', 'tree');
const nativeDir = path.join(tree, 'build', 'native');
const TIMEOUT_MS = 15 * 60 * 1000;
const env = { ...process.env, NODE_PATH: '/usr/share/nodejs', FORCE_COLOR: '0' };

/** Header of a patch: its description and its kill commands. */
function readMutant(file) {
  const text = readFileSync(file, 'utf8');
  const header = text.slice(0, text.indexOf('diff --git'));
  const description = header.match(/^# mutant: (.*)$/m)?.[1];
  const kills = [...header.matchAll(/^# kill: (doctest|node|python) (.*)$/gm)].map((m) => {
    const [target, ...rest] = m[2].trim().split(/\s+/);
    return { kind: m[1], target, pattern: rest.join(' ') };
  });
  if (!description || !kills.length) throw new Error(`${file}: needs a '# mutant:' line and '# kill:' lines`);
  const touched = [...text.matchAll(/^\+\+\+ b\/(\S+)$/gm)].map((m) => m[1]);
  // The node:test files run the engine the WASM build made, which a mutant is not built into: against a
  // mutant of the C++ they would pass whatever it does, and their pass would look like a kill that failed.
  if (kills.some((k) => k.kind === 'node') && !touched.some((f) => f.startsWith('web/')))
    throw new Error(`${file}: a node:test kill sees only mutants of web/ (the engine in web/engine is not rebuilt)`);
  return { name: path.basename(file, '.patch'), file, description, kills, touched };
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: tree, env, encoding: 'utf8', maxBuffer: 1 << 28, timeout: TIMEOUT_MS, ...options,
  });
  return { code: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}`, signal: result.signal };
}

function mustRun(command, args, options) {
  const r = run(command, args, options);
  if (r.code !== 0) {
    console.log(r.output.split('\n').slice(-40).join('\n'));
    throw new Error(`${command} ${args.join(' ')} failed (exit ${r.code})`);
  }
  return r;
}

/** Copies the tracked sources into the scratch tree, writing only files whose contents differ. */
function syncTree() {
  const listed = spawnSync('git', ['ls-files', '-z', 'CMakeLists.txt', 'CMakePresets.json', 'engine', 'wasm',
    'cli', 'tests', 'web', 'bench', 'scripts', 'package.json'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error('git ls-files failed');
  let written = 0;
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = path.join(root, file);
    if (!existsSync(from)) continue;   // deleted in the work tree
    const to = path.join(tree, file);
    const data = readFileSync(from);
    if (existsSync(to) && readFileSync(to).equals(data)) continue;
    mkdirSync(path.dirname(to), { recursive: true });
    writeFileSync(to, data);
    ++written;
  }
  // The JS tests import the engine module the wasm build wrote, and the packages.
  for (const link of ['node_modules', path.join('web', 'engine')]) {
    const target = path.join(root, link);
    if (existsSync(target) && !existsSync(path.join(tree, link))) symlinkSync(target, path.join(tree, link));
  }
  return written;
}

/** Runs one kill command; returns the names of the tests that failed (empty: it passed). */
function runKill(kill) {
  if (kill.kind === 'doctest') {
    const r = run(path.join(nativeDir, 'seqlab_tests'), ['--no-colors', `-tc=${kill.target}${kill.pattern ? ` ${kill.pattern}` : ''}`]);
    const failed = [...new Set([...r.output.matchAll(/^TEST CASE:\s+(.*)$/gm)].map((m) => m[1].trim()))];
    const ran = Number(r.output.match(/test cases:\s*(\d+)/)?.[1] ?? 0);
    if (r.code === 0 && ran === 0) throw new Error(`doctest filter '${kill.target}' selects no test case`);
    if (r.code !== 0 && !failed.length) failed.push(`seqlab_tests crashed (${r.signal ?? `exit ${r.code}`})`);
    return failed.map((t) => `doctest: ${t}`);
  }
  if (kill.kind === 'node') {
    const args = ['--test', '--test-reporter=tap', ...(kill.pattern ? [`--test-name-pattern=${kill.pattern}`] : []),
      kill.target];
    const r = run(process.execPath, args);
    const failed = [...r.output.matchAll(/^\s*not ok \d+ - (.*)$/gm)].map((m) => m[1].replace(/ # .*$/, '').trim());
    const passed = Number(r.output.match(/^# pass (\d+)$/m)?.[1] ?? 0);
    if (r.code === 0 && passed === 0) throw new Error(`${kill.target} '${kill.pattern}' selects no test`);
    if (r.code !== 0 && !failed.length) failed.push(`${kill.target} exited ${r.signal ?? r.code}`);
    return failed.map((t) => `${path.basename(kill.target)}: ${t}`);
  }
  const r = run('/usr/bin/python3', [kill.target, path.join(nativeDir, 'seqlab')]);
  if (r.code === 0) return [];
  const lines = r.output.split('\n').filter((l) => l.startsWith('FAIL')).map((l) => l.slice(4).trim());
  return [`${path.basename(kill.target)}: ${lines.length ? `${lines.length} FAIL, e.g. ${lines[0]}` : `exit ${r.code}`}`];
}

const needsBuild = (mutant) => mutant.touched.some((f) => /^(engine|wasm\/facade|cli|tests)\//.test(f));

const patchDir = path.join(root, 'tests', 'mutants');
const mutants = readdirSync(patchDir).filter((f) => f.endsWith('.patch')).sort()
  .map((f) => readMutant(path.join(patchDir, f)))
  .filter((m) => !only.length || only.some((o) => m.name.includes(o)));
if (!mutants.length) {
  console.error(`mutants: no patch in tests/mutants matches ${only.join(', ')}`);
  process.exit(2);
}
if (!existsSync(path.join(root, 'web', 'engine', 'seqlab.mjs')) && mutants.some((m) => m.kills.some((k) => k.kind === 'node'))) {
  console.error('mutants: the node:test kills need web/engine (node scripts/build.mjs wasm)');
  process.exit(2);
}

const started = Date.now();
mkdirSync(tree, { recursive: true });
console.log(`mutants: ${syncTree()} files copied to ${path.relative(root, tree)}`);
// (A scratch tree left patched by an interrupted run was restored by the copy above.)
if (!existsSync(path.join(nativeDir, 'CMakeCache.txt'))) mustRun('cmake', ['--preset', 'native']);
const build = () => run('nice', ['-n', '5', 'cmake', '--build', nativeDir, '-j2', '--target', 'seqlab_tests', 'seqlab_cli']);
let b = build();
if (b.code !== 0) {
  console.log(b.output.split('\n').slice(-40).join('\n'));
  throw new Error('the unchanged scratch tree does not build');
}

// The baseline: every kill command passes on the unchanged tree (a test that fails anyway kills nothing).
const uniqueKills = [...new Map(mutants.flatMap((m) => m.kills).map((k) => [JSON.stringify(k), k])).values()];
for (const kill of uniqueKills) {
  const failed = runKill(kill);
  if (failed.length) {
    console.log(`mutants: without any mutant, ${kill.kind} ${kill.target} ${kill.pattern} fails: ${failed.join('; ')}`);
    process.exit(1);
  }
}
console.log(`mutants: baseline passes (${uniqueKills.length} test selections) in ${((Date.now() - started) / 1000).toFixed(0)} s`);

const results = [];
for (const mutant of mutants) {
  const t0 = Date.now();
  // patch(1), not git apply: the scratch tree lies inside this repository's work tree, where git apply would
  // take the paths as the repository's own.
  mustRun('patch', ['-p1', '--forward', '--batch', '--quiet', '-i', mutant.file]);
  let killers = [];
  let error = null;
  try {
    if (needsBuild(mutant)) {
      b = build();
      if (b.code !== 0) error = `does not compile: ${b.output.split('\n').filter((l) => /error/.test(l)).slice(0, 2).join(' | ')}`;
    }
    if (!error) for (const kill of mutant.kills) killers.push(...runKill(kill));
  } catch (e) {
    error = e.message;
  } finally {
    mustRun('patch', ['-p1', '-R', '--batch', '--quiet', '-i', mutant.file]);
  }
  const seconds = (Date.now() - t0) / 1000;
  killers = [...new Set(killers)];
  const status = error ? 'ERROR' : killers.length ? 'killed' : 'SURVIVED';
  console.log(`mutant ${mutant.name}: ${status} in ${seconds.toFixed(0)} s${error ? ` (${error})` : ''}` +
    `${killers.length ? `\n  by ${killers.join('\n  by ')}` : ''}`);
  results.push({ ...mutant, status, killers, seconds, error });
}
// Leave the scratch build as the clean tree: the next run then starts from a build that matches it.
if (mutants.some(needsBuild)) build();

const survivors = results.filter((r) => r.status !== 'killed');
console.log('\n| mutant | bug | killed by | s |\n|---|---|---|---|');
for (const r of results) {
  const by = r.status === 'killed' ? r.killers.join('<br>') : `**${r.status}**${r.error ? ` ${r.error}` : ''}`;
  console.log(`| ${r.name} | ${r.description} | ${by} | ${r.seconds.toFixed(0)} |`);
}
console.log(`\n${results.length} mutants, ${results.length - survivors.length} killed, ${survivors.length} survived or ` +
  `failed, ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
process.exit(survivors.length ? 1 : 0);
