// seqlab.Session in Node: the contract's API end to end, its numbers against the standalone classes (an
// independent path through the same engine) and the CLI, its invalidation rules and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const seqlab = await createSeqlab();
const root = new URL('../../', import.meta.url);
const text = readFileSync(new URL('web/assets/timemachine.txt', root), 'utf8');
const expectError = (fn, pattern) => assert.throws(fn, (e) => e instanceof Error && pattern.test(e.message));

test('Session: corpus, statistics and n-gram numbers equal the standalone Corpus and NgramModel', () => {
  const s = new seqlab.Session();
  const corpus = new seqlab.Corpus(text, { level: 'char', valFraction: 0.2 });
  const model = new seqlab.NgramModel(corpus, { n: 3, smoothing: 'add-k', k: 0.5 });
  try {
    const summary = s.loadCorpus(text, { level: 'char', valFraction: 0.2 });
    assert.equal(summary.tokens, 173428);
    assert.equal(summary.vocabSize, 28);
    assert.equal(summary.characters, text.length);  // ASCII text: one code point per UTF-16 unit
    assert.equal(summary.trainTokens + summary.valTokens, 173428);
    assert.equal(summary.valTokens, Math.round(0.2 * 173428));
    assert.deepEqual(summary.options, { level: 'char', preprocess: 'letters_only', minFreq: 0, valFraction: 0.2,
      reserved: [] });

    assert.deepEqual(s.corpusIds(), corpus.ids());
    assert.deepEqual(s.tokens(), corpus.tokens());
    assert.deepEqual(s.encode('The Time!'), corpus.encode('The Time!'));
    assert.equal(s.decode(s.encode('The Time!')), 'the time ');
    const stats = s.corpusStats({ top: 3 });
    assert.deepEqual(stats.top, corpus.stats({ top: 3 }).top);
    assert.equal(stats.vocabSize, 28);

    const evaluation = s.buildNgram({ n: 3, smoothing: 'add-k', k: 0.5 });
    assert.deepEqual(evaluation, model.evaluate());
    assert.equal(evaluation.smoothing, 'add-k');
    assert.ok(evaluation.crossEntropyBits > 0);
    assert.deepEqual(s.ngramNext('the time tra', 4), model.next('the time tra', 4));
    const rows = s.ngramPerplexities({ maxN: 4, smoothing: 'add-k', k: 0.5 });
    assert.equal(rows.length, 4);
    assert.equal(rows[2].perplexity, evaluation.perplexity);
    assert.equal(rows[2].crossEntropyBits, evaluation.crossEntropyBits);
    // D2L: the orders above 3 are left out, not an error.
    assert.deepEqual(s.ngramPerplexities({ maxN: 6, smoothing: 'd2l', eps: [0.1, 1, 1] }).map((r) => r.n), [1, 2, 3]);
    expectError(() => s.buildNgram({ n: 5, smoothing: 'd2l' }), /n <= 3/);
    expectError(() => s.buildNgram({ valFraction: 0.3 }), /loadCorpus/);
  } finally {
    model.delete();
    corpus.delete();
    s.delete();
  }
});

test('Session: word-level n-gram samples are decoded with the spaces between words', () => {
  const s = new seqlab.Session();
  try {
    s.loadCorpus(text.slice(0, 30000), { level: 'word' });
    s.buildNgram({ n: 2 });
    const sample = s.ngramSample({ prefix: 'The Time Traveller', length: 6, temperature: 0.8, seed: 3 });
    assert.ok(sample.text.startsWith('the time traveller '), sample.text);
    assert.equal(sample.text, `the time traveller ${sample.generated}`);
    assert.equal(sample.text.split(' ').length, 9);
    assert.deepEqual(s.ngramSample({ prefix: 'the', length: 6, temperature: 0.8, seed: 3 }),
      s.ngramSample({ prefix: 'the', length: 6, temperature: 0.8, seed: 3 }));
  } finally {
    s.delete();
  }
});

test('Session: named trainers side by side; save/load; a new corpus frees them', () => {
  const s = new seqlab.Session();
  try {
    s.loadCorpus(text.slice(0, 3000));
    const train = { batch: 4, steps: 8, lr: 1, seed: 3, iterator: 'random' };
    const a = s.createTrainer('a', { cell: 'gru', hidden: 16 }, train);
    assert.equal(a.name, 'a');
    assert.equal(a.options.model.gruVariant, 'notes');
    assert.equal(a.options.train.truncation, 'full');
    s.createTrainer('b', { cell: 'lstm', hidden: 8 }, { ...train, truncation: 'fixed:4' });
    assert.equal(s.trainerOptions('b').train.tau, 4);  // the old one-string form still reads
    assert.deepEqual(s.trainerNames(), ['a', 'b']);
    // The same loss as the standalone Trainer on the same corpus and options (and the native reference).
    const corpus = new seqlab.Corpus(text.slice(0, 3000));
    const alone = new seqlab.Trainer(corpus, { cell: 'gru', hidden: 16 }, train);
    try {
      const report = s.run('a', 2);
      assert.equal(report.loss, alone.run(2).loss);
      for (const key of ['steps', 'callTokens', 'runSteps', 'runTokens', 'tokens', 'totalSteps', 'epoch', 'epochsCompleted', 'epochEnd', 'loss',
        'perplexity', 'gradNorm', 'gradNormMean', 'clipFraction', 'seconds', 'tokensPerS', 'diverged'])
        assert.ok(key in report, key);
    } finally {
      alone.delete();
      corpus.delete();
    }
    assert.equal(s.run('b', 1).totalSteps, 1);
    const updated = s.setTrainOptions('a', { lr: 0.5, truncation: 'random', pi: 1e-7 });
    assert.equal(updated.train.pi, 1e-7);
    assert.ok(s.evaluate('a').perplexity > 1);
    assert.equal(s.diagnostics('a').hiddenGradNorms[0].length, 8);
    const generated = s.generate('a', { prefix: 'time traveller', length: 10, temperature: 0.5, seed: 1 });
    assert.equal(generated.steps.length, 10);

    const bytes = s.save('a');
    assert.ok(bytes instanceof Uint8Array);
    const loaded = s.loadTrainer('copy', bytes);
    assert.deepEqual(loaded.options.warnings, []);
    assert.equal(loaded.options.train.pi, 1e-7);  // saved so that it reads back (was 'random:0')
    assert.deepEqual(s.generate('copy', { prefix: 'time', length: 5 }), s.generate('a', { prefix: 'time', length: 5 }));
    s.deleteTrainer('b');
    assert.deepEqual(s.trainerNames(), ['a', 'copy']);
    expectError(() => s.run('b', 1), /no trainer named 'b'/);
    expectError(() => s.createTrainer('c', { hidden: 0 }), /model options: hidden = 0 is outside \[1, 4096\]/);
    expectError(() => s.createTrainer('c', {}, { optimiser: 'adam' }), /unknown key 'optimiser' \(did you mean optimizer\?\) \(allowed: batch/);

    s.loadCorpus(text.slice(0, 2000), { level: 'char' });
    assert.deepEqual(s.trainerNames(), []);
    expectError(() => s.ngramNext('the', 1), /buildNgram/);
  } finally {
    s.delete();
  }
  assert.throws(() => s.trainerNames(), /used after delete/);
});

test("Session: a trainer's run by slices stops at its epoch limit, names a divergence by options, ends with its trainer", () => {
  const s = new seqlab.Session();
  try {
    s.loadCorpus(text.slice(0, 4000), { level: 'char' });
    const model = { cell: 'gru', hidden: 8 };
    const train = { batch: 4, steps: 8, seed: 2 };
    s.createTrainer('run', model, train);
    s.createTrainer('twin', model, train);
    // One epoch by hand, a minibatch at a time: the minibatches the run must train, no more.
    let epochSteps = 0;
    for (let done = false; !done; epochSteps += 1) done = s.run('twin', 1).epochEnd;
    assert.equal(s.beginRun('run', { epochs: 1, evalBy: 'clock' }).evalBy, 'clock');
    const slices = [];
    do slices.push(s.advanceRun('run', 5)); while (!slices.at(-1).finished && slices.length < 1000);
    assert.equal(slices.at(-1).reason, 'epochs');
    assert.equal(slices.at(-1).report.runSteps, epochSteps);
    assert.equal(slices[0].validated, false, 'never on the first slice');
    assert.equal(s.advanceRun('run', 5).report.steps, 0, 'a run at its limit trains no more');
    assert.equal(s.setRunOptions('run', { epochs: 2 }).epochs, 2);
    assert.equal(s.advanceRun('run', 5).report.steps, 5);

    s.createTrainer('wild', { cell: 'rnn', hidden: 8 }, { batch: 4, steps: 8, optimizer: 'sgd', lr: 10000, clip: 0, seed: 3 });
    s.beginRun('wild', { epochs: 0, evalBy: 'clock' });
    let slice;
    do slice = s.advanceRun('wild', 10); while (!slice.finished && slice.report.runSteps < 10000);
    assert.equal(slice.reason, 'diverged');
    assert.equal(slice.report.diverged, true);
    assert.match(slice.message, /diverged/);
    assert.doesNotMatch(slice.message, /--/, 'the page shows it: no CLI flag');

    s.createTrainer('run', model, train);  // a new trainer of that name: its run went with the old one
    expectError(() => s.advanceRun('run', 1), /no training run/);
    expectError(() => s.beginRun('run', { epoch: 1 }), /unknown key 'epoch'/);
    expectError(() => s.beginRun('nobody', {}), /no trainer named 'nobody'/);
  } finally {
    s.delete();
  }
});
