// The corpus statistics count the raw tokens (as D2L does) whatever min_freq is, and report the share of
// <unk> apart: checked against a count done here in JavaScript, independently of the engine's tokenizer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const seqlab = await createSeqlab();
const text = readFileSync(new URL('../../web/assets/timemachine.txt', import.meta.url), 'utf8');

/** D2L's preprocessing and word split, and the counts of n-grams of words, done the obvious way. */
function countWords(n) {
  const words = text.replace(/[^A-Za-z]+/g, ' ').toLowerCase().split(' ').filter(Boolean);
  const counts = new Map();
  for (let i = 0; i + n <= words.length; ++i) {
    const key = words.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return { words, counts };
}

test('word level, min_freq 3: top lists of raw words, <unk> 3,923 tokens reported apart', () => {
  const s = new seqlab.Session();
  try {
    s.loadCorpus(text, { level: 'word', minFreq: 3 });
    const stats = s.corpusStats({ top: 10, maxN: 3 });
    const { words, counts } = countWords(1);
    const rare = [...counts.values()].filter((c) => c < 3);
    const rareTokens = rare.reduce((a, b) => a + b, 0);
    assert.equal(rareTokens, 3923);
    assert.deepEqual(stats.unk, { tokens: rareTokens, types: rare.length, share: rareTokens / words.length });
    assert.equal(stats.vocabSize, 1420);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
    assert.deepEqual(stats.top.map(([, c]) => c), top.map(([, c]) => c));
    for (const [token, count] of stats.top) assert.equal(count, counts.get(token), token);
    assert.ok(!stats.top.some(([token]) => token === '<unk>'), '<unk> is not in the list');
    for (const [key, n] of [['bigrams', 2], ['trigrams', 3]]) {
      const ref = countWords(n).counts;
      for (const [tokens, count] of stats[key]) assert.equal(count, ref.get(tokens.join(' ')), tokens.join(' '));
      assert.equal(stats.distinct[n], ref.size);
    }
    // The Zipf plot's points are the raw counts too: the first ranks are the top list's counts.
    assert.deepEqual(stats.rankFrequency[1].counts.slice(0, 10), top.map(([, c]) => c));
  } finally {
    s.delete();
  }
});

test('what <unk> adds to the vocabulary, said in the output: vocab 4,580 = 4,579 distinct words + <unk>', () => {
  const s = new seqlab.Session();
  try {
    const { counts } = countWords(1);
    for (const minFreq of [0, 5]) {
      s.loadCorpus(text, { level: 'word', minFreq });
      const stats = s.corpusStats({ top: 3, maxN: 1 });
      const kept = [...counts.values()].filter((c) => c >= minFreq).length;
      assert.equal(stats.vocab.fromText, kept, `min_freq ${minFreq}: the words kept, counted here`);
      assert.deepEqual(stats.vocab.added, ['<unk>']);
      assert.equal(stats.vocabSize, kept + 1);
      assert.match(stats.vocab.note, new RegExp(`vocab_size ${kept + 1} = ${kept} distinct tokens .* \\+ <unk>`));
      // The lists count every distinct raw word whatever min_freq sends to <unk>.
      assert.equal(stats.distinct[1], counts.size);
      assert.match(stats.counted, /raw tokens, as D2L does/);
    }
    assert.equal(counts.size, 4579);
  } finally {
    s.delete();
  }
});

test('seqlab stats -h says that the lists count raw tokens and what <unk> adds', () => {
  const help = execFileSync(process.execPath, [new URL('../../bin/seqlab.cjs', import.meta.url).pathname, 'stats', '-h'],
    { encoding: 'utf8' });
  assert.match(help, /count the raw tokens, as D2L does/);
  assert.match(help, /vocab_size 4580 = the text's 4579 distinct words, distinct\["1"\], \+ <unk>/);
});
