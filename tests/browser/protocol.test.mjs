// The page's message protocol (web/js/protocol.js), checked in Node: the worker answers exactly the
// listed requests, the page sends every listed request and no other, and the training events carry the
// engine's own report (driven here through the worker's real handlers and the real WebAssembly engine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { REQUEST_TYPES, EVENT_TYPES, checkHandlers } from '../../web/js/protocol.js';
import { engineHandlers } from '../../web/js/worker/engine-handlers.js';
import { corpusHandlers } from '../../web/js/worker/corpus-handlers.js';
import { ngramHandlers } from '../../web/js/worker/ngram-handlers.js';
import { trainHandlers } from '../../web/js/worker/train-handlers.js';
import { labHandlers } from '../../web/js/worker/lab-handlers.js';
import { memoryHandlers } from '../../web/js/worker/memory-handlers.js';
import { createContext } from '../../web/js/worker/context.js';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const handlers = { ...engineHandlers, ...corpusHandlers, ...ngramHandlers, ...trainHandlers, ...labHandlers,
  ...memoryHandlers };
const webJs = new URL('../../web/js/', import.meta.url);

/** The page's sources outside the worker (the code that sends requests and listens to events). */
function pageSources() {
  return readdirSync(webJs, { recursive: true })
    .filter((file) => file.endsWith('.js') && !file.startsWith('worker'))
    .map((file) => readFileSync(new URL(file, webJs), 'utf8'))
    .join('\n');
}

test('the worker has one handler per request of the protocol, and no other', () => {
  assert.doesNotThrow(() => checkHandlers(handlers));
  const { 'ngram-next': _dropped, ...missing } = handlers;
  assert.throws(() => checkHandlers(missing), /missing ngram-next; not in the protocol none/);
  assert.throws(() => checkHandlers({ ...handlers, 'train-evaluate': () => 0 }),
    /missing none; not in the protocol train-evaluate/);
});

test('the page sends every request type of the protocol and no other; it listens to every event', () => {
  const source = pageSources();
  const sent = new Set([...source.matchAll(/\.request\('([a-z-]+)'/g)].map((m) => m[1]));
  assert.deepEqual([...sent].sort(), [...REQUEST_TYPES].sort());
  const heard = new Set([...source.matchAll(/\.on\('([a-z-]+)'/g)].map((m) => m[1]));
  for (const event of EVENT_TYPES) assert.ok(heard.has(event), `the page listens to '${event}'`);
});

test('training events carry the engine report with the documented fields; evaluation feeds valPerplexity', async () => {
  const seqlab = await createSeqlab();
  const events = [];
  const context = createContext(seqlab, (event, data) => events.push({ event, data }));
  const text = readFileSync(new URL('../../web/assets/timemachine.txt', import.meta.url), 'utf8');
  const summary = await corpusHandlers['corpus-load']({ source: 'text', text, name: 'tm',
    options: { level: 'char', preprocess: 'letters_only', minFreq: 0, valFraction: 0.1 } }, context);
  assert.equal(summary.name, 'tm');
  assert.equal(summary.tokens, 173428, "D2L's count of The Time Machine's characters");
  const created = trainHandlers['train-create']({ model: { cell: 'gru', hidden: 16 },
    train: { batch: 8, steps: 10, seed: 3 }, epochs: 0 }, context);
  assert.equal(created.trainerId, 1);
  assert.ok(created.parameterCount > 0);
  trainHandlers['train-start']({}, context);
  // The truncation changes between slices, as separate fields (the engine reads them).
  assert.deepEqual(trainHandlers['train-set-options']({ truncation: 'random', pi: 0.5, lr: 0.005 }, context), {});
  // Validation runs at most every second of wall time: wait for one.
  const deadline = Date.now() + 20000;
  while (!events.some((e) => e.event === 'train-progress' && e.data.valPerplexity !== null) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(trainHandlers['train-pause']({}, context), { running: false });
  const progress = events.filter((e) => e.event === 'train-progress').map((e) => e.data);
  assert.ok(progress.length >= 2, `progress events: ${progress.length}`);

  const documented = ['steps', 'callTokens', 'runSteps', 'runTokens', 'tokens', 'totalSteps', 'epoch', 'epochsCompleted', 'epochEnd', 'loss', 'perplexity',
    'gradNorm', 'gradNormMean', 'clipFraction', 'seconds', 'tokensPerS', 'diverged'];
  for (const p of progress) {
    assert.deepEqual(Object.keys(p).sort(), ['diagnostics', 'report', 'running', 'trainerId', 'valPerplexity',
      'validated']);
    assert.deepEqual(Object.keys(p.report).sort(), [...documented].sort(), 'a report that did not diverge');
    assert.equal(p.trainerId, 1);
  }
  // Counted another way: every minibatch trains B*T = 80 tokens, and the slices add up.
  const last = progress.at(-1).report;
  assert.equal(last.totalSteps, progress.reduce((sum, p) => sum + p.report.steps, 0));
  assert.equal(last.tokens, 80 * last.totalSteps);
  assert.deepEqual([last.runSteps, last.runTokens, last.callTokens], [last.totalSteps, last.tokens, 80 * last.steps]);
  assert.ok(Math.abs(last.perplexity - Math.exp(last.loss)) < 1e-9 * last.perplexity);
  const evaluated = progress.find((p) => p.valPerplexity !== null);
  assert.ok(evaluated, 'a validation perplexity arrived');
  assert.equal(evaluated.validated, true, 'the first validation is flagged as a new point');
  assert.ok(progress.every((p, i) => p.validated || p.valPerplexity === (progress[i - 1]?.valPerplexity ?? null)),
    'a progress without a new validation repeats the last one');
  assert.ok(evaluated.valPerplexity > 1 && evaluated.valPerplexity < 28, `${evaluated.valPerplexity}`);
  assert.equal(progress[0].diagnostics.hiddenGradNorms.length, 1, 'one layer');
  assert.equal(progress[0].diagnostics.hiddenGradNorms[0].length, 10, 'T = 10 steps');

  // A diverging run stops with the engine's message.
  events.length = 0;
  trainHandlers['train-create']({ model: { cell: 'rnn', hidden: 16, activation: 'relu' },
    train: { batch: 8, steps: 10, optimizer: 'sgd', lr: 100, clip: 0, seed: 1 }, epochs: 0 }, context);
  trainHandlers['train-start']({}, context);
  while (!events.some((e) => e.event === 'train-stopped') && Date.now() < deadline + 20000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const stopped = events.find((e) => e.event === 'train-stopped').data;
  assert.equal(stopped.trainerId, 2);
  assert.equal(stopped.reason, 'diverged');
  assert.match(stopped.message, /^training diverged at minibatch \d+/);
  assert.equal(events.findLast((e) => e.event === 'train-progress').data.report.message, stopped.message);
  context.session.delete();
});

test('the lab\'s requests before any text are refused with code NO_CORPUS (the page sends them again)', async () => {
  const { NO_CORPUS } = await import('../../web/js/protocol.js');
  const seqlab = await createSeqlab();
  const context = createContext(seqlab, () => {});
  try {
    for (const [type, payload] of [['lab-linear', { rho: 1 }], ['lab-trunc', { tau: 5, pi: 0.5 }],
      ['lab-batches', { k: 0 }], ['lab-clip', { on: true }]]) {
      assert.throws(() => labHandlers[type](payload, context), (error) => error.code === NO_CORPUS, type);
    }
    context.session.loadCorpus('the time machine by h g wells '.repeat(200));
    assert.equal(labHandlers['lab-linear']({ rho: 1 }, context).T, 35);
  } finally {
    context.session.delete();
  }
});
