// The package as a user installs it: `npm pack`, then `npm install` of the tarball in an empty folder outside
// the repository. There the README's command lines and JavaScript examples run as printed: each is read from
// README.md by its marker (`<!-- readme-test: NAME -->` before a fenced block), so an example that rots fails
// here. The WebAssembly CLI is CommonJS inside a "type": "module" package: the tarball must carry
// build/wasm/package.json, or Node reads it as an ES module and `npx seqlab` dies on __dirname.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markedBlock } from './markdown-blocks.mjs';

const root = new URL('../../', import.meta.url).pathname;
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Without NODE_PATH the installed folder resolves only what it installed.
const env = { ...process.env, NODE_PATH: '' };

let dir;
let app;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'seqlab-package-'));
  const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = npm(['pack', '--silent', '--pack-destination', dir], root).trim().split('\n').at(-1);
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
  npm(['install', '--offline', '--no-audit', '--no-fund', join(dir, tarball)], app);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs one ES module's source in the installed folder; its stdout. */
function runModule(source, name) {
  const file = join(app, `${name}.mjs`);
  writeFileSync(file, source);
  return execFileSync(process.execPath, [file], { cwd: app, encoding: 'utf8', env });
}

test('the package has no runtime dependencies (an offline install of the tarball needs nothing else)', () => {
  assert.equal(packageJson.dependencies, undefined);
  assert.equal(packageJson.peerDependencies, undefined);
  assert.equal(packageJson.optionalDependencies, undefined);
});

test("the README's command lines run in the installed folder", () => {
  const lines = markedBlock(readme, 'cli').split('\n').filter((line) => line.trim() && !line.startsWith('#'));
  assert.deepEqual(lines.map((line) => line.split(' ').slice(0, 2).join(' ')), ['npx seqlab', 'npx seqlab']);
  const outputs = lines.map((line) => JSON.parse(execFileSync('bash', ['-c', line], { cwd: app, encoding: 'utf8', env })));
  assert.equal(outputs[0].target, 'wasm', '--version');
  assert.equal(outputs[0].seqlab, packageJson.version);
  // stats --level word --top 3: the three most frequent words of The Time Machine.
  assert.deepEqual(outputs[1].top.map(([token]) => token), ['the', 'i', 'and']);
});

test("the README's engine example runs as printed and prints the counts its comment gives", () => {
  const source = markedBlock(readme, 'js-engine');
  const output = runModule(source, 'engine-example').split('\n');
  const claimed = source.match(/corpus\.vocabSize\);\s*\/\/ (\d+) (\d+)/);
  assert.ok(claimed, 'the example states the token count and vocabulary size');
  assert.equal(output[0], `${claimed[1]} ${claimed[2]}`);
  assert.ok(Number(output[1]) > 1 && Number(output[1]) < 28, `a trigram perplexity between 1 and V: ${output[1]}`);
});

test("the README's Session example runs as printed: it defines its text and reports the run's scopes", () => {
  const source = markedBlock(readme, 'js-session');
  assert.match(source, /const text = /, 'the example defines the text it loads');
  const output = runModule(source, 'session-example');
  assert.match(output, /tokens: 173428/);
  assert.match(output, /callTokens: 22400/, '20 minibatches of 32 x 35 tokens');
});
