// The worker's save, load and export handlers (web/js/worker/train-handlers.js) over the real engine, in
// Node: the saved bytes load back as the trainer (a new trainerId, the same model, the curve the page saw)
// and training goes on from there; a checkpoint of another corpus is refused and the trainer there stays;
// a progress says when it carries a new validation; Export to PyTorch answers the engine's files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { corpusHandlers } from '../../web/js/worker/corpus-handlers.js';
import { trainHandlers } from '../../web/js/worker/train-handlers.js';
import { createContext } from '../../web/js/worker/context.js';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

test('train-save, train-load and train-export-pytorch answer what the page expects', async () => {
  const seqlab = await createSeqlab();
  const events = [];
  const context = createContext(seqlab, (event, data) => events.push({ event, data }));
  const text = readFileSync(new URL('../../web/assets/timemachine.txt', import.meta.url), 'utf8');
  await corpusHandlers['corpus-load']({ source: 'text', text: text.slice(0, 20000), name: 'tm',
    options: { level: 'char', preprocess: 'letters_only', minFreq: 0, valFraction: 0.1 } }, context);
  const created = trainHandlers['train-create']({ model: { cell: 'lstm', hidden: 12 },
    train: { batch: 4, steps: 8, seed: 5 }, epochs: 0 }, context);
  trainHandlers['train-start']({}, context);
  const deadline = Date.now() + 20000;
  while (!events.some((e) => e.event === 'train-progress' && e.data.validated) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  trainHandlers['train-pause']({}, context);
  const progress = events.filter((e) => e.event === 'train-progress').map((e) => e.data);
  const validated = progress.filter((p) => p.validated);
  assert.ok(validated.length >= 1, 'a validation arrived');
  assert.ok(validated.every((p) => p.valPerplexity > 1));

  const { bytes } = trainHandlers['train-save']({}, context);
  assert.ok(bytes instanceof Uint8Array && bytes.length > 4 * created.parameterCount, `${bytes.length} bytes`);
  const loaded = trainHandlers['train-load']({ bytes, epochs: 3 }, context);
  assert.equal(loaded.trainerId, created.trainerId + 1, 'events of the replaced trainer can be told apart');
  assert.equal(loaded.parameterCount, created.parameterCount);
  assert.equal(loaded.options.model.cell, 'lstm');
  assert.equal(loaded.options.model.hidden, 12);
  assert.equal(loaded.resumable, true);
  const trained = progress.filter((p) => p.report.steps > 0);
  assert.equal(loaded.progress.tokensSeen, trained.at(-1).report.tokens);
  // The checkpoint's curve is the one the page recorded: a point per report, a point per validation.
  assert.deepEqual(loaded.curve.filter((p) => !('valPerplexity' in p)).map((p) => [p.tokens, p.perplexity]),
    trained.map((p) => [p.report.tokens, p.report.perplexity]));
  assert.deepEqual(loaded.curve.filter((p) => 'valPerplexity' in p).map((p) => [p.tokens, p.valPerplexity]),
    validated.map((p) => [p.report.tokens, p.valPerplexity]));
  events.length = 0;
  trainHandlers['train-start']({}, context);
  while (!events.some((e) => e.event === 'train-progress') && Date.now() < deadline + 20000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  trainHandlers['train-pause']({}, context);
  const resumed = events.find((e) => e.event === 'train-progress').data;
  assert.equal(resumed.trainerId, loaded.trainerId);
  assert.equal(resumed.report.totalSteps, loaded.progress.totalSteps + resumed.report.steps, 'the run goes on');
  // Bytes that are no checkpoint are refused with the engine's message; the trainer there stays.
  assert.throws(() => trainHandlers['train-load']({ bytes: new Uint8Array([1, 2, 3, 4]), epochs: 3 }, context),
    /checkpoint|magic|seqlab/i);
  assert.deepEqual(context.session.trainerNames(), ['main']);

  // Another corpus: the checkpoint is refused with the engine's message, the trainer there stays.
  await corpusHandlers['corpus-load']({ source: 'text', text: text.slice(20000, 40000), name: 'other',
    options: { level: 'char', preprocess: 'letters_only', minFreq: 0, valFraction: 0.1 } }, context);
  const other = trainHandlers['train-create']({ model: { cell: 'gru', hidden: 8 }, train: { batch: 4, steps: 8 },
    epochs: 0 }, context);
  assert.throws(() => trainHandlers['train-load']({ bytes, epochs: 3 }, context), /another corpus/);
  assert.equal(context.session.trainerOptions('main').model.cell, 'gru');
  assert.equal(context.session.run('main', 1).steps, 1);

  const exported = trainHandlers['train-export-pytorch']({}, context);
  assert.ok(exported.safetensors instanceof Uint8Array && exported.safetensors.length > 4 * other.parameterCount);
  assert.match(exported.fileStem, /^[\w.-]+$/);
  assert.match(exported.script, /import torch/);
  context.session.delete();
});
