// docs/guide.md's examples, run as printed so that the guide cannot rot: each is read from the guide by its
// marker (`<!-- readme-test: NAME -->`). The command lines run in order in a scratch folder that holds The
// Time Machine at web/assets/ and a `seqlab` on the PATH (the WebAssembly CLI, bin/seqlab.cjs), and every
// field the guide's "Fields:" line names after a command must be in that command's output. The JavaScript
// examples run in a scratch folder whose node_modules/seqlab is this repository, as after
// `npm install /path/to/seqlab`, and the values their comments give are checked against what they print.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markedBlocks } from './markdown-blocks.mjs';

const root = new URL('../../', import.meta.url).pathname;
const guide = readFileSync(join(root, 'docs', 'guide.md'), 'utf8');
const blocks = markedBlocks(guide);

let dir;
let env;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'seqlab-guide-'));
  mkdirSync(join(dir, 'web'));
  symlinkSync(join(root, 'web', 'assets'), join(dir, 'web', 'assets'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'seqlab'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'seqlab'), `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'bin', 'seqlab.cjs')}" "$@"\n`);
  chmodSync(join(bin, 'seqlab'), 0o755);
  env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, NODE_PATH: '' };
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The field names the guide lists on the "**Fields:**" line after the block marked `name`. */
function documentedFields(name) {
  const after = guide.slice(guide.indexOf(`<!-- readme-test: ${name} -->`));
  const line = after.match(/\*\*Fields:\*\*([^]*?)\n\n/);
  assert.ok(line, `${name}: a Fields line follows the example`);
  return [...line[1].matchAll(/`([a-z_]+)`/g)].map(([, field]) => field);
}

/** The JSON lines a command line of the guide prints, run by the shell in the scratch folder. */
function runCommand(line) {
  const stdout = execFileSync('bash', ['-c', line], { cwd: dir, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  return stdout.trim().split('\n').map((text) => JSON.parse(text));
}

/** Runs one example module in the scratch folder; its stdout lines. */
function runExample(name) {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, blocks.get(name));
  return execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', env }).trim().split('\n');
}

const COMMANDS = ['cli-stats', 'cli-ngram', 'cli-train', 'cli-generate', 'cli-eval', 'cli-export'];

test('the guide has an example for every command, each followed by its output fields', () => {
  for (const name of COMMANDS) assert.ok(blocks.has(name), name);
  const commands = execFileSync(process.execPath, [join(root, 'bin', 'seqlab.cjs'), '-h'], { encoding: 'utf8' });
  for (const name of COMMANDS) assert.match(commands, new RegExp(`\\b${name.slice(4)}\\b`), `seqlab -h lists ${name}`);
});

test("the guide's command lines run in order and print the fields it names", () => {
  const outputs = new Map();
  for (const name of COMMANDS) {
    const lines = blocks.get(name).split('\n').filter((line) => line.trim());
    assert.equal(lines.length, 1, `${name}: one command`);
    assert.match(lines[0], /^seqlab /);
    outputs.set(name, runCommand(lines[0]));
  }
  for (const name of COMMANDS) {
    const lines = outputs.get(name);
    // train prints an epoch line per epoch and a final line; the fields named are the epoch lines'.
    const printed = name === 'cli-train' ? lines[0] : lines.at(-1);
    for (const field of documentedFields(name)) assert.ok(field in printed, `${name}: ${field} in ${JSON.stringify(Object.keys(printed))}`);
  }
  const stats = outputs.get('cli-stats')[0];
  assert.equal(stats.tokens, 32775, 'the guide: 32,775 words');
  assert.equal(stats.vocab_size, 4580);
  assert.equal(stats.distinct['1'], 4579);
  assert.deepEqual(stats.vocab.added, ['<unk>']);
  const train = outputs.get('cli-train');
  assert.equal(train.length, 3, 'two epoch lines and the final line');
  assert.equal(train.at(-1).final, true);
  assert.equal(outputs.get('cli-generate')[0].text.slice(0, 'the time'.length), 'the time');
  assert.equal(outputs.get('cli-export')[0].pytorch_script, 'small.py');
});

test("the guide's schema example prints what its comments say", () => {
  // Each console.log's comment: on its own line below it, or after it on the same line.
  const source = blocks.get('js-schema');
  const said = [...source.matchAll(/console\.log\([^\n]*\);(?:[ \t]*\/\/ ([^\n]*)|\n\/\/ ([^\n]*))/g)]
    .map((m) => (m[1] ?? m[2]).trim());
  assert.equal(said.length, 2, 'a comment for each printed line');
  assert.deepEqual(runExample('js-schema'), said);
  assert.ok(said[0].split(' ').includes('probe'), 'the groups are listed');
});

test("the guide's Session example runs and prints the counts its comments give", () => {
  const lines = runExample('js-session');
  assert.equal(lines[0], '173428 28 156085');
  assert.ok(Number(lines[1]) > 1 && Number(lines[1]) < 28, `a 4-gram perplexity: ${lines[1]}`);
  const steps = lines.indexOf('10 3200 3200');
  assert.ok(steps > 1, `the report's scopes: ${lines.join(' | ')}`);
  assert.equal(lines[steps + 1], '6400');
  assert.ok(Number(lines[steps + 2]) > 1, 'a validation perplexity');
  assert.match(lines[steps + 3], /^the time/);
  assert.equal(lines.at(-1), "[ 'copy', 'gru' ]");
});

test("the guide's lab example prints what its comments say", () => {
  assert.deepEqual(runExample('js-lab'), ['20 20', '0.9 10', 'random sequential true']);
});
