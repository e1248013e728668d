// The one place that picks the network chart's "best n-gram" line (web/js/ngram-field.js): the lowest finite
// validation perplexity over every smoothing AND every order, named with both; infinite (null) and score-only
// rows never win; the chosen model's line merges with it when they are the same model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldBest, bestLabel, referenceLines, smoothingName, givesScores } from '../../web/js/ngram-field.js';

/** A field shaped as Session.ngramPerplexities returns it, with numbers chosen so that each rule matters. */
function sampleField() {
  return new Map([
    // Laplace's best (n = 4) is the best of the first smoothing and of the first order met: not the answer.
    ['laplace', [{ n: 1, perplexity: 17.5 }, { n: 2, perplexity: 10.2 }, { n: 4, perplexity: 5.452 }, { n: 5, perplexity: 6.1 }]],
    // MLE: infinite above n = 1 (null, with its unseen count).
    ['mle', [{ n: 1, perplexity: 17.4 }, { n: 2, perplexity: null, unseen: 3 }, { n: 3, perplexity: null, unseen: 40 }]],
    // The answer sits at an order that is not the last of its rows.
    ['witten-bell', [{ n: 1, perplexity: 17.4 }, { n: 5, perplexity: 4.088 }, { n: 6, perplexity: 4.2 }]],
    ['kneser-ney', [{ n: 1, perplexity: 17.4 }, { n: 5, perplexity: 4.3 }]],
    ['stupid-backoff', [{ n: 1, perplexity: null, noPerplexity: 'scores' }]],
  ]);
}

test('fieldBest: the minimum over every smoothing and order, not the first smoothing\'s nor the last order\'s', () => {
  const field = sampleField();
  // The reference: every finite cell, sorted.
  const cells = [...field].flatMap(([smoothing, rows]) => rows.filter((r) => Number.isFinite(r.perplexity))
    .map((r) => ({ smoothing, n: r.n, perplexity: r.perplexity })));
  const expected = cells.sort((a, b) => a.perplexity - b.perplexity)[0];
  assert.deepEqual(fieldBest(field), expected);
  assert.deepEqual(expected, { smoothing: 'witten-bell', n: 5, perplexity: 4.088 });
  assert.equal(fieldBest(new Map()), undefined);
  assert.equal(fieldBest(new Map([['mle', [{ n: 2, perplexity: null, unseen: 1 }]]])), undefined);
});

test('the best n-gram\'s label names the smoothing as written, the order and the value to two decimals', () => {
  assert.equal(bestLabel({ smoothing: 'witten-bell', n: 5, perplexity: 4.4011 }), 'best n-gram: Witten-Bell, n = 5, 4.40');
  assert.equal(bestLabel({ smoothing: 'modified-kneser-ney', n: 6, perplexity: 3.7 }), 'best n-gram: modified Kneser-Ney, n = 6, 3.70');
  assert.equal(smoothingName('an-unknown-one'), 'an-unknown-one');
  assert.ok(givesScores(sampleField().get('stupid-backoff')));
  assert.ok(!givesScores(sampleField().get('mle')));
});

test('referenceLines: the chosen model and the field\'s best; one line when they are the same model', () => {
  const best = fieldBest(sampleField());
  assert.deepEqual(referenceLines({ smoothing: 'laplace', n: 3, perplexity: 6.121 }, best), [
    { y: 6.121, text: 'chosen n-gram: Laplace, n = 3, 6.12', kind: 'chosen' },
    { y: 4.088, text: 'best n-gram: Witten-Bell, n = 5, 4.09', kind: 'best' },
  ]);
  assert.deepEqual(referenceLines({ smoothing: 'witten-bell', n: 5, perplexity: 4.088 }, best), [
    { y: 4.088, text: 'best n-gram: Witten-Bell, n = 5, 4.09 (chosen)', kind: 'chosen best' },
  ]);
  // An infinite chosen model draws no line of its own; before the field is known, no best line.
  assert.deepEqual(referenceLines({ smoothing: 'mle', n: 3, perplexity: null }, best).map((l) => l.kind), ['best']);
  assert.deepEqual(referenceLines({ smoothing: 'laplace', n: 3, perplexity: 6.121 }, undefined).map((l) => l.kind), ['chosen']);
});
