// The layers' arrows point one way.
// - The worker is a dispatcher below the page's views: every module it reaches, import by import, is in
//   web/js/worker/, one of web/js's shared top-level modules (protocol.js, memory-race.js, ...) or the engine's
//   module (web/engine/). A worker module that imports a view's folder (web/js/memory/, web/js/lab/, ...)
//   drags the view's code into the worker bundle and makes the layers depend on each other both ways.
// - The CLI, like the worker, talks to the application layer (wasm/facade/): of the engine it includes only
//   the error type, the option specs and the JSON value, which the facade's own interface is made of.
// - The engine's folders stand on floors (docs/CONTRIBUTING.md): an include stays in its folder or goes to a
//   lower floor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webJs = path.join(root, 'web/js');

/** The relative specifiers of a module's static and dynamic imports (JSDoc `import('...')` types excluded). */
function importsOf(file) {
  const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const specifiers = [];
  for (const m of source.matchAll(/(?:^|[;\s])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm))
    specifiers.push(m[1] ?? m[2]);
  return specifiers.filter((s) => s.startsWith('.'));
}

const engineFolder = path.join(root, 'web/engine');
const inside = (folder, file) => !path.relative(folder, file).startsWith('..');

/** Every module reachable from `entry` through relative imports (the engine's built module is a leaf). */
function reachable(entry) {
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift();
    for (const specifier of importsOf(file)) {
      const target = path.resolve(path.dirname(file), specifier);
      if (!seen.has(target)) {
        seen.add(target);
        if (!inside(engineFolder, target)) queue.push(target);
      }
    }
  }
  return [...seen];
}

function allowedInWorker(file) {
  if (inside(path.join(webJs, 'worker'), file) || inside(engineFolder, file)) return true;
  return path.dirname(file) === webJs; // a shared top-level module of web/js
}

test('the worker reaches no module of a view folder', () => {
  const modules = reachable(path.join(webJs, 'worker/worker.js'));
  assert.ok(modules.some((m) => m.endsWith('memory-handlers.js')), 'the walk follows the handlers');
  const outside = modules.filter((m) => !allowedInWorker(m)).map((m) => path.relative(root, m));
  assert.deepEqual(outside, [], `worker modules import a view folder: ${outside.join(', ')}`);
});

test('the import walk sees a view import when there is one', () => {
  // The walk itself: a specifier into a view folder is reported (the check above cannot pass vacuously).
  assert.equal(allowedInWorker(path.join(webJs, 'memory/race-data.js')), false);
  assert.equal(allowedInWorker(path.join(webJs, 'memory-race.js')), true);
  assert.ok(importsOf(path.join(webJs, 'memory/memory-panel.js')).includes('./race-data.js'));
});

const CLI_ENGINE_HEADERS = new Set(['engine/core/error.h', 'engine/core/options.h', 'engine/core/json.h']);

/** The engine headers a C++ file includes that the CLI may not. */
function forbiddenEngineIncludes(file) {
  const includes = [...readFileSync(file, 'utf8').matchAll(/^\s*#\s*include\s+"(engine\/[^"]+)"/gm)].map((m) => m[1]);
  return includes.filter((header) => !CLI_ENGINE_HEADERS.has(header));
}

test('the CLI includes no engine header beyond the error, option and JSON types', () => {
  const cliFolder = path.join(root, 'cli');
  const files = readdirSync(cliFolder).filter((f) => /\.(cpp|h)$/.test(f));
  assert.ok(files.length >= 8, `the CLI's sources: ${files.join(', ')}`);
  const offending = files.flatMap((f) => forbiddenEngineIncludes(path.join(cliFolder, f)).map((h) => `cli/${f}: ${h}`));
  assert.deepEqual(offending, []);
  // The check itself: a facade file that includes the checkpoint reader would be refused.
  assert.ok(forbiddenEngineIncludes(path.join(root, 'wasm/facade/session.cpp')).includes('engine/io/checkpoint.h'));
});

/** The engine's floors: a folder may include its own files and those of lower floors. */
const ENGINE_FLOORS = { core: 0, text: 1, ngram: 1, nn: 1, stats: 2, train: 2, io: 3 };

/** "engine/text/corpus.cpp: engine/train/x.h" for every include that goes sideways or up. */
function upwardIncludes() {
  const engine = path.join(root, 'engine');
  const found = [];
  for (const folder of readdirSync(engine)) {
    assert.ok(folder in ENGINE_FLOORS, `engine/${folder} has a floor in ENGINE_FLOORS`);
    for (const file of readdirSync(path.join(engine, folder)).filter((f) => /\.(cpp|h)$/.test(f))) {
      const source = readFileSync(path.join(engine, folder, file), 'utf8');
      for (const [, target] of source.matchAll(/^\s*#\s*include\s+"engine\/(\w+)\/[^"]+"/gm)) {
        if (target !== folder && !(ENGINE_FLOORS[target] < ENGINE_FLOORS[folder])) found.push(`engine/${folder}/${file}: engine/${target}`);
      }
    }
  }
  return found;
}

test("the engine's includes point down", () => {
  assert.deepEqual(upwardIncludes(), []);
});
