// The training API from JS (the WebAssembly module in Node, as the page's worker uses it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const seqlab = await createSeqlab();
const text = readFileSync(new URL('../../web/assets/timemachine.txt', import.meta.url), 'utf8').slice(0, 3000);
const model = { cell: 'gru', hidden: 16 };
const train = { batch: 4, steps: 8, lr: 1, clip: 1, seed: 3, iterator: 'random' };

// Two runs of one build agree bit for bit (native against WebAssembly: tests/js/native-wasm.test.mjs, side
// by side, nothing frozen).

function curve(corpus, n) {
  const trainer = new seqlab.Trainer(corpus, model, train);
  try {
    return Array.from({ length: n }, () => trainer.run(1).loss);
  } finally {
    trainer.delete();
  }
}

test('Trainer: one seed gives a bit-identical loss curve twice, and the loss falls', () => {
  const corpus = new seqlab.Corpus(text);
  try {
    const a = curve(corpus, 12);
    const b = curve(corpus, 12);
    assert.deepEqual(a, b);
    assert.ok(a[11] < a[0] - 0.2, `the loss falls: ${a[0]} -> ${a[11]}`);
  } finally {
    corpus.delete();
  }
});

test('Trainer: report, evaluate, setOptions, diagnostics, errors', () => {
  const corpus = new seqlab.Corpus(text);
  const trainer = new seqlab.Trainer(corpus, { cell: 'lstm', hidden: 8 }, train);
  try {
    const r = trainer.run(3);
    assert.equal(r.steps, 3);
    assert.equal(r.tokens, 3 * 32);
    assert.equal(r.diverged, false);
    assert.ok(r.tokensPerS > 0);
    assert.ok(trainer.evaluate().perplexity > 1);
    trainer.setOptions({ lr: 0.1, optimizer: 'adam' });
    assert.equal(trainer.options.train.optimizer, 'adam');
    // Scopes named apart: this call's steps and tokens, the run's since the start (tokens, totalSteps: old names).
    const second = trainer.run(2);
    assert.deepEqual([second.steps, second.callTokens, second.runSteps, second.runTokens], [2, 2 * 32, 5, 5 * 32]);
    assert.deepEqual([second.tokens, second.totalSteps], [second.runTokens, second.runSteps]);
    assert.equal(trainer.diagnostics().hiddenGradNorms[0].length, 8);
    assert.throws(() => trainer.setOptions({ clip: -1 }), /clip = -1 is outside \[0, 1000000\]/);
    assert.throws(() => new seqlab.Trainer(corpus, { cell: 'transformer' }, {}), /cell/);
  } finally {
    trainer.delete();
    corpus.delete();
  }
});

test('Trainer: save -> load -> save is byte-identical and the loaded model generates the same text', () => {
  const corpus = new seqlab.Corpus(text);
  const trainer = new seqlab.Trainer(corpus, model, train);
  try {
    trainer.run(20);
    const options = { prefix: 'time traveller', length: 40, temperature: 0.8, topK: 5, seed: 4 };
    const before = trainer.generate(options);
    const bytes = trainer.save();
    assert.ok(bytes instanceof Uint8Array);
    assert.equal(new TextDecoder().decode(bytes.slice(0, 6)), 'SEQLAB');
    const loaded = seqlab.Trainer.load(bytes);
    try {
      assert.deepEqual(loaded.save(), bytes);
      assert.deepEqual(loaded.generate(options), before);
      assert.equal(before.steps.length, 40);
      assert.equal(before.steps[0].top.length, 5);
      assert.ok(before.text.startsWith('time traveller'));
      // A model loaded without a corpus is a LoadedModel: it has no training calls to make by mistake.
      assert.ok(loaded instanceof seqlab.LoadedModel);
      assert.equal(loaded.resumable, false);
      for (const call of ['run', 'evaluate', 'setOptions', 'diagnostics']) assert.equal(call in loaded, false, call);
    } finally {
      loaded.delete();
    }
    assert.throws(() => seqlab.Trainer.load(bytes.slice(0, bytes.length - 2)), /truncated/);
  } finally {
    trainer.delete();
    corpus.delete();
  }
});
