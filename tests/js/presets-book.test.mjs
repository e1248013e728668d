// The presets' claims about the book, held against what the book itself says. The source is D2L's classic
// edition, release 0.17.6 (classic.d2l.ai): its markdown sources and the notebooks its MXNet, PyTorch and
// TensorFlow builds executed. A preset that quotes another number or the opposite conclusion fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { presetById } from '../../web/js/presets.js';

/** D2L classic 0.17.6, the figures and words the presets quote. */
const BOOK = {
  // Section 8.3 "Language Models and the Dataset", subsection "Natural Language Statistics", the paragraph
  // after the n-gram frequency plot.
  ngramConclusion: 'makes Laplace smoothing rather unsuitable for language modeling',
  // Section 8.5 "Implementation of Recurrent Neural Networks from Scratch", subsection "Training": the final
  // "perplexity X" line of train_ch8 after 500 epochs, sequential partitioning and then "random sampling".
  rnnScratch: {
    mxnet: { sequential: 1.0, random: 1.4 },
    pytorch: { sequential: 1.2, random: 1.4 },
    tensorflow: { sequential: 1.0, random: 1.4 },
  },
  // Same section: the random-sampling run passes the sequential train_iter again with use_random_iter=True
  // in the MXNet and PyTorch builds (the flag resets the state before each minibatch).
  randomSamplingFlag: 'use_random_iter=True',
};

const FRAMEWORK_NAMES = { mxnet: 'MXNet', pytorch: 'PyTorch', tensorflow: 'TensorFlow' };

test("d2l-ngram: the book's conclusion about Laplace smoothing, not its opposite", () => {
  const reports = presetById('d2l-ngram').book.reports;
  assert.ok(reports.includes(BOOK.ngramConclusion), reports);
  assert.doesNotMatch(reports, /need(s)? Laplace smoothing/, 'the book does not say the counts need it');
});

test("d2l-rnn-scratch: each framework build's perplexities, named with their build", () => {
  const { book } = presetById('d2l-rnn-scratch');
  assert.deepEqual(book.builds, BOOK.rnnScratch);
  assert.equal(book.perplexity, BOOK.rnnScratch.mxnet.sequential, 'the single figure is the MXNet build\'s');
  // The words agree with the figures: every build is named, every number appears with one decimal.
  for (const [framework, figures] of Object.entries(BOOK.rnnScratch)) {
    assert.match(book.reports, new RegExp(FRAMEWORK_NAMES[framework]), framework);
    for (const value of Object.values(figures)) assert.ok(book.reports.includes(value.toFixed(1)), `${framework} ${value}`);
  }
  assert.match(book.reports, /1\.2 in its PyTorch build/);
  assert.match(book.reports, /1\.0 in the MXNet and TensorFlow builds/);
  assert.match(book.reports, /"random sampling", is 1\.4 in all three/);
  assert.doesNotMatch(book.reports, /1\.5/, 'no build prints 1.5');
  assert.ok(book.reports.includes(BOOK.randomSamplingFlag), 'the random run is the flag on the sequential iterator');
  assert.match(book.reports, /reuses the sequential iterator and only resets the state/);
});
