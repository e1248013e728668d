// Every options object the JS API takes is read by one of the schema's tables: handed a key no group has,
// each call's refusal lists what it accepts ("probe options: unknown key 'x' (allowed: ...)"), and that list
// is exactly the keys of a group of seqlab.schema(), in the schema's order. (The CLI's flags of the same
// groups: tests/js/cli.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const seqlab = await createSeqlab();
const schema = seqlab.schema();
const text = readFileSync(new URL('../../web/assets/timemachine.txt', import.meta.url), 'utf8').slice(0, 20000);
const bad = { notAnOption: 1 };

/** The keys a refusal lists as allowed, and the group it names. */
function refusal(call) {
  try {
    call();
  } catch (error) {
    const m = /(\w+) options: unknown key 'notAnOption' \(allowed: ([^)]*)\)/.exec(error.message);
    assert.ok(m, `an unknown-key refusal, got: ${error.message}`);
    return { group: m[1], keys: m[2].split(', ') };
  }
  assert.fail('the unknown key was accepted');
}

test('every option-taking call of the JS API reads a schema group', () => {
  const s = new seqlab.Session();
  const model = new seqlab.Model({ cell: 'gru', vocab: 5, hidden: 3 });
  const corpus = new seqlab.Corpus(text);
  try {
    s.loadCorpus(text, { valFraction: 0.1 });
    s.buildNgram({ n: 2 });
    s.createTrainer('t', { cell: 'rnn', hidden: 8 }, { batch: 4, steps: 10 });
    const x = Int32Array.of(0, 1, 2, 3);
    const calls = {
      'Session.loadCorpus': ['corpus', () => s.loadCorpus(text, bad)],
      'Session.loadTask': ['task', () => s.loadTask(bad)],
      'Session.corpusStats': ['stats', () => s.corpusStats(bad)],
      'Session.ngramSample': ['generate', () => s.ngramSample(bad)],
      // A refused build frees the n-gram model (the Session's rule): after ngramSample.
      'Session.buildNgram': ['ngram', () => s.buildNgram(bad)],
      'Session.ngramPerplexities': ['perplexity', () => s.ngramPerplexities(bad)],
      'ngramPerplexities': ['perplexity', () => seqlab.ngramPerplexities(corpus, bad)],
      'new NgramModel': ['ngram', () => new seqlab.NgramModel(corpus, bad)],
      'Session.createTrainer model': ['model', () => s.createTrainer('u', bad, {})],
      'Session.createTrainer train': ['train', () => s.createTrainer('u', {}, bad)],
      'Session.setTrainOptions': ['train', () => s.setTrainOptions('t', bad)],
      'Session.generate': ['generate', () => s.generate('t', bad)],
      'Session.probe': ['probe', () => s.probe('t', bad)],
      'Session.linearRnn': ['linearRnn', () => s.linearRnn({ rho: 1, ...bad })],
      'Session.gateActivations': ['gateActivations', () => s.gateActivations('t', '', bad)],
      'Session.batchLayout': ['train', () => s.batchLayout(bad, 0)],
      'new Model': ['model', () => new seqlab.Model(bad)],
      'Model.lossAndGradients': ['lossAndGradients', () => model.lossAndGradients(x, x, 2, 2, bad)],
    };
    for (const [name, [group, call]] of Object.entries(calls)) {
      const r = refusal(call);
      assert.equal(r.group, group, name);
      assert.deepEqual(r.keys, schema[group].map((spec) => spec.key), `${name}: the keys of schema.${group}`);
    }
  } finally {
    model.delete();
    corpus.delete();
    s.delete();
  }
});
