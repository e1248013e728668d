// A memory plan accepted near the limit really allocates in WebAssembly: settings just inside each of the
// plan's two limits (3.5 GB in all, 2 GB in one block, engine/core/memory_budget.h) create a trainer that
// trains a minibatch and evaluates, and one step more is refused before anything is allocated. Each test
// grows the module's memory to about 2.2 and 3.7 GB: they run in a module of their own (this file), and take
// about 25 s and 30 s on an idle machine (most of it drawing and copying 190 M weights, and the softmax of
// 540 M logits).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const seqlab = await createSeqlab();
const text = readFileSync(new URL('../../web/assets/timemachine.txt', import.meta.url), 'utf8');

/** Runs createTrainer and returns the Error it throws (or null). */
function refusal(session, model, train) {
  try {
    session.createTrainer('probe', model, train);
  } catch (e) {
    return e;
  }
  session.deleteTrainer('probe');
  return null;
}

// The settings: the plan's total (3,756,282,320 B) is under the 3.5 GB limit, but the logits are one
// block of batch x steps x vocabulary floats, and Emscripten's allocator cannot grow its heap by 2 GB or
// more at once: batch 1755 (3.0 GB of logits) threw std::bad_alloc at the first minibatch.
test('a block over 2 GB is refused, and the largest batch whose logits fit trains and evaluates', () => {
  const s = new seqlab.Session();
  try {
    const corpus = s.loadCorpus(text.repeat(8), { level: 'word' });
    assert.equal(corpus.vocabSize, 4580);
    const model = { cell: 'rnn', hidden: 16 }, steps = 100;
    const error = refusal(s, model, { batch: 1755, steps });
    assert.ok(error instanceof Error && error.outOfMemory === true, `refused before allocating: ${error?.message}`);
    assert.match(error.message, /, and the largest buffer \(training workspace \(batch 1755 x steps 100\)\) would be 3\.0 GB, more than the 2\.0 GB/);
    // The largest batch by hand: its logits, batch x 100 x 4580 floats, within 2 GiB - 1 MiB.
    const largestBlock = 2 ** 31 - 2 ** 20;
    const batch = Math.floor(largestBlock / (steps * corpus.vocabSize * 4));
    assert.equal(batch, 1171);
    const advised = error.settings.find((a) => a.name === 'batch');
    assert.deepEqual([advised.current, advised.fits], [1755, batch]);
    assert.ok(refusal(s, model, { batch: batch + 1, steps }) instanceof Error, 'one more is refused');
    s.createTrainer('main', model, { batch, steps });
    const report = s.run('main', 1);
    assert.equal(report.steps, 1);
    assert.ok(Number.isFinite(report.loss));
    assert.ok(Number.isFinite(s.evaluate('main').perplexity));
  } finally {
    s.delete();
  }
});

// Within 0.1% of the 3.5 GB limit in all, every block under 600 MB: an LSTM of 2 layers whose weights,
// gradients, Adam moments and last finite copy (5 buffers of 188 M floats) fill the budget.
test('a plan within 0.1% of the 3.5 GB limit trains and evaluates, and hidden + 1 is refused', () => {
  const s = new seqlab.Session();
  try {
    s.loadCorpus(text.slice(0, 100), { level: 'char' });
    // A small learning rate: one Adam step at the default rate sends this model's validation perplexity to infinity.
    const model = { cell: 'lstm', layers: 2, hidden: 3950 }, train = { batch: 1, steps: 1, optimizer: 'adam', lr: 1e-5 };
    const error = refusal(s, { ...model, hidden: model.hidden + 1 }, train);
    assert.ok(error instanceof Error && error.outOfMemory === true, `refused: ${error?.message}`);
    assert.match(error.message, /^the model and its training would need 3\.5 GB .* more than the 3\.5 GB the engine may use/);
    const advised = error.settings.find((a) => a.name === 'hidden');
    assert.deepEqual([advised.current, advised.fits], [3951, 3950]);
    s.createTrainer('main', model, train);
    const report = s.run('main', 1);
    assert.equal(report.steps, 1);
    assert.ok(Number.isFinite(report.loss));
    assert.ok(Number.isFinite(s.evaluate('main').perplexity));
  } finally {
    s.delete();
  }
});
