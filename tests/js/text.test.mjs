// The text API through JS: The Time Machine numbers, encode/decode, and errors that carry a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const text = readFileSync(new URL('../../web/assets/timemachine.txt', import.meta.url), 'utf8');
const seqlab = await createSeqlab();

test('Corpus: The Time Machine at char level (letters_only)', () => {
  const corpus = new seqlab.Corpus(text, { level: 'char', preprocess: 'letters_only' });
  try {
    assert.equal(corpus.tokenCount, 173428);
    assert.equal(corpus.vocabSize, 28);
    assert.equal(corpus.tokens()[0], '<unk>');
    const ids = corpus.ids();
    assert.ok(ids instanceof Int32Array);
    assert.equal(ids.length, 173428);
  } finally {
    corpus.delete();
  }
});

test('Corpus: The Time Machine at word level: counts, top lists, vocabulary by min_freq', () => {
  const corpus = new seqlab.Corpus(text, { level: 'word' });
  try {
    assert.equal(corpus.tokenCount, 32775);
    assert.equal(corpus.vocabSize, 4580);
    const stats = corpus.stats({ top: 5, zipfRanks: [10, 1000] });
    assert.deepEqual(stats.top, [['the', 2261], ['i', 1267], ['and', 1245], ['of', 1155], ['a', 816]]);
    assert.deepEqual(stats.bigrams.slice(0, 2), [[['of', 'the'], 309], [['in', 'the'], 169]]);
    assert.deepEqual(stats.trigrams.slice(0, 2),
      [[['the', 'time', 'traveller'], 59], [['the', 'time', 'machine'], 30]]);
    assert.deepEqual(stats.vocabByMinFreq, [[1, 4580], [2, 2183], [3, 1420], [5, 825], [10, 400]]);
    assert.deepEqual(stats.zipf['1'].ranks, [10, 1000]);
    assert.ok(stats.zipf['1'].alpha > 0.8 && stats.zipf['1'].alpha < 1.3);
    assert.equal(stats.rankFrequency['1'].ranks[0], 1);
    assert.equal(stats.rankFrequency['1'].counts[0], 2261);
    for (const minFreq of [2, 10]) {
      const rare = new seqlab.Corpus(text, { level: 'word', minFreq });
      assert.equal(rare.vocabSize, minFreq === 2 ? 2183 : 400);
      rare.delete();
    }
  } finally {
    corpus.delete();
  }
});

test('Corpus: encode/decode, reserved tokens, code points with preprocess none', () => {
  const words = new seqlab.Corpus('the cat sat on the mat', { level: 'word', reserved: ['<pad>'] });
  assert.deepEqual(words.tokens().slice(0, 3), ['<unk>', '<pad>', 'the']);
  const ids = words.encode('The DOG sat');
  assert.ok(ids instanceof Int32Array);
  assert.equal(ids[1], 0);
  assert.equal(words.decode(ids), 'the <unk> sat');
  assert.equal(words.decode([2, 2]), 'the the');
  words.delete();

  const greek = new seqlab.Corpus('αβγ αβ 日本 😀', { preprocess: 'none' });
  assert.equal(greek.tokenCount, 11);  // code points, not UTF-8 bytes (23) or UTF-16 units (12)
  assert.equal(greek.decode(greek.ids()), 'αβγ αβ 日本 😀');
  greek.delete();
});

test('Corpus: bad input throws an Error with a message', () => {
  assert.throws(() => new seqlab.Corpus(new Uint8Array([0x61, 0x62, 0xC3]), { preprocess: 'none' }),
    (e) => e instanceof Error && /invalid UTF-8 at byte offset 2/.test(e.message));
  assert.throws(() => new seqlab.Corpus(new Uint8Array([0x61, 0xED, 0xA0, 0x80]), { level: 'word' }),
    (e) => e instanceof Error && /byte offset 1.*surrogate/.test(e.message));
  assert.throws(() => new seqlab.Corpus('ab\uD800cd', { preprocess: 'none' }),
    (e) => e instanceof Error && /lone UTF-16 surrogate at index 2/.test(e.message));
  const bytes = new seqlab.Corpus(new TextEncoder().encode('héllo wörld'), { preprocess: 'none' });
  assert.equal(bytes.tokenCount, 11);
  bytes.delete();
  assert.throws(() => new seqlab.Corpus('', {}), (e) => e instanceof Error && /no char token/.test(e.message));
  assert.throws(() => new seqlab.Corpus('abc', { level: 'byte' }),
    (e) => e instanceof Error && /level = 'byte' is not one of char, word/.test(e.message));
  const corpus = new seqlab.Corpus('abc');
  assert.throws(() => corpus.decode([99]), (e) => e instanceof Error && /outside the vocabulary/.test(e.message));
  assert.throws(() => corpus.stats({ zipfRanks: [5] }), (e) => e instanceof Error && /zipfRanks/.test(e.message));
  corpus.delete();
  assert.throws(() => corpus.tokenCount, /after delete/);
});
