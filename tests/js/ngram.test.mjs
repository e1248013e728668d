// The n-gram JS API: numbers equal the CLI's (native and WebAssembly under Node), seeded samples agree
// across targets, errors arrive as Error objects with the engine's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const root = new URL('../../', import.meta.url);
const dataPath = new URL('web/assets/timemachine.txt', root).pathname;
const text = readFileSync(dataPath, 'utf8');
const seqlab = await createSeqlab();

const clis = [
  ['native', new URL('build/native/seqlab', root).pathname, []],
  ['node', process.execPath, [new URL('bin/seqlab.cjs', root).pathname]],
];
const runCli = (command, args) => JSON.parse(execFileSync(command, args, { encoding: 'utf8' }));

for (const [name, command, prefixArgs] of clis) {
  test(`perplexity, next tokens and a seeded sample equal the CLI's (${name})`, () => {
    const corpus = new seqlab.Corpus(text, { level: 'char' });
    const model = new seqlab.NgramModel(corpus, { n: 3, smoothing: 'add-k:0.5', valFraction: 0.1 });
    try {
      const cli = runCli(command, [...prefixArgs, 'ngram', '--train', dataPath, '--level', 'char', '--n', '3',
        '--smoothing', 'add-k:0.5', '--val-fraction', '0.1', '--next', 'the time tra', '--top', '4',
        '--sample', '80', '--prefix', 'the time ', '--temperature', '0.8', '--seed', '7']);
      const mine = model.evaluate();
      // The CLI prints snake_case, the JS API camelCase: the same numbers under the two spellings.
      for (const [key, cliKey] of [['perplexity', 'perplexity'], ['crossEntropyNats', 'cross_entropy_nats'],
        ['crossEntropyBits', 'cross_entropy_bits'], ['scored', 'scored'], ['ngramTypes', 'ngram_types'],
        ['vocabSize', 'vocab_size']]) assert.equal(mine[key], cli[cliKey], key);
      assert.deepEqual(model.next('the time tra', 4), cli.next);
      assert.equal(model.sample({ prefix: 'the time ', length: 80, temperature: 0.8, seed: 7 }), cli.sample);
    } finally {
      model.delete();
      corpus.delete();
    }
  });
}

test('the same seed gives the same sample; another seed another; temperature 0 ignores the seed', () => {
  const corpus = new seqlab.Corpus(text, { level: 'word' });
  const model = new seqlab.NgramModel(corpus, { n: 2, smoothing: 'd2l:0.1,1,1' });
  corpus.delete();  // the model keeps what it needs
  const a = model.sample({ prefix: 'the time traveller', length: 40, temperature: 1, seed: 99 });
  assert.equal(a, model.sample({ prefix: 'the time traveller', length: 40, temperature: 1, seed: 99 }));
  assert.notEqual(a, model.sample({ prefix: 'the time traveller', length: 40, temperature: 1, seed: 100 }));
  assert.equal(a.split(' ').length, 40);
  assert.equal(model.sample({ prefix: 'the', length: 10, temperature: 0, seed: 1 }),
    model.sample({ prefix: 'the', length: 10, temperature: 0, seed: 2 }));
  const next = model.next('the time', 5);
  assert.equal(next.length, 5);
  assert.equal(next[0].token, 'traveller');
  model.delete();
  assert.throws(() => model.evaluate(), /used after delete/);
});

test('ngramPerplexities gives n = 1..maxN equal to single models', () => {
  const corpus = new seqlab.Corpus(text, { level: 'char' });
  const rows = seqlab.ngramPerplexities(corpus, { maxN: 6, smoothing: 'laplace', valFraction: 0.1 });
  assert.deepEqual(rows.map((r) => r.n), [1, 2, 3, 4, 5, 6]);
  for (const n of [1, 4]) {
    const model = new seqlab.NgramModel(corpus, { n, valFraction: 0.1 });
    assert.equal(rows[n - 1].perplexity, model.evaluate().perplexity);
    model.delete();
  }
  assert.ok(rows[1].perplexity < rows[0].perplexity);
  corpus.delete();
});

test('modified-kneser-ney and stupid-backoff from JS; an ARPA file read back by evaluateArpa scores the same', () => {
  const corpus = new seqlab.Corpus(text.slice(0, 100000), { level: 'char', valFraction: 0.1 });
  const mkn = new seqlab.NgramModel(corpus, { n: 4, smoothing: 'modified-kneser-ney' });
  const sb = new seqlab.NgramModel(corpus, { n: 4, smoothing: 'stupid-backoff' });
  try {
    const evaluation = mkn.evaluate();
    assert.ok(Number.isFinite(evaluation.perplexity));
    // The validation text, decoded from the ids the model scored.
    const held = corpus.decode(corpus.ids().slice(evaluation.trainTokens));
    const read = seqlab.evaluateArpa(mkn.arpa(), held);
    assert.deepEqual([read.order, read.counts[0], read.counts[3], read.scored],
      [4, evaluation.vocabSize, evaluation.ngramTypes, evaluation.scored]);
    assert.ok(Math.abs(read.perplexity / evaluation.perplexity - 1) < 1e-6, `${read.perplexity} ${evaluation.perplexity}`);
    // Stupid backoff: no perplexity, with the reason; next tokens and samples from the normalised scores.
    const scores = sb.evaluate();
    assert.equal(scores.perplexity, null);
    assert.match(scores.noPerplexity, /scores, not probabilities/);
    const next = sb.next('the time tra', 3);
    assert.equal(next[0].token, 'v');
    assert.equal(sb.sample({ prefix: 'the ', length: 20, seed: 1 }).length, 20);
    assert.throws(() => sb.arpa(), /back-off \(ARPA\) form/);
  } finally {
    mkn.delete();
    sb.delete();
    corpus.delete();
  }
});

test('bad options and inputs throw Errors carrying the engine message', () => {
  const corpus = new seqlab.Corpus(text.slice(0, 2000), { level: 'char' });
  const expectError = (fn, pattern) => assert.throws(fn, (e) => e instanceof Error && pattern.test(e.message));
  expectError(() => new seqlab.NgramModel(corpus, { n: 9 }), /\[1, 8\]/);
  expectError(() => new seqlab.NgramModel(corpus, { n: 4, smoothing: 'd2l:1,1,1' }), /n <= 3/);
  expectError(() => new seqlab.NgramModel(corpus, { smoothing: 'good-turing' }), /is not one of laplace, add-k, d2l, mle, witten-bell, kneser-ney, modified-kneser-ney, stupid-backoff/);
  expectError(() => new seqlab.NgramModel(corpus, { valFraction: 1 }), /valFraction = 1 is outside \[0, 0\.5\]/);
  expectError(() => new seqlab.NgramModel(corpus, { order: 2 }), /ngram options: unknown key 'order'/);
  expectError(() => seqlab.ngramPerplexities(corpus, { maxN: 5, smoothing: 'd2l:1,1,1' }), /maxN = 5/);
  expectError(() => new seqlab.NgramModel({}, {}), /live seqlab.Corpus/);
  const model = new seqlab.NgramModel(corpus, { n: 2 });
  expectError(() => model.next('ab', 0), /top_k/);
  expectError(() => model.sample({ temperature: -1 }), /temperature/);
  expectError(() => model.sample({ seed: -3 }), /seed/);
  model.delete();
  corpus.delete();
});
