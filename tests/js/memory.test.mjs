// Memory from JavaScript: a model too large is refused before allocating, with an Error naming the sizes,
// the limit and the settings to lower (error.settings), and an allocation that fails anyway is a clear
// Error (not "std::bad_alloc"); the module works on after either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const seqlab = await createSeqlab();
const text = readFileSync(new URL('../../web/assets/timemachine.txt', import.meta.url), 'utf8');

test("the issue's model is refused with the sizes, the limit and each setting's largest value that fits", () => {
  const s = new seqlab.Session();
  try {
    s.loadCorpus(text, { level: 'word' });
    s.createTrainer('main', { hidden: 8 }, { batch: 4, steps: 8 });
    let error;
    try {
      s.createTrainer('main', { cell: 'gru', hidden: 1024, layers: 4, embedding: 512 }, { batch: 64, steps: 400 });
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof Error, 'refused');
    assert.match(error.message, /^the model and its training would need [\d.]+ GB \(.*more than the 3\.5 GB/);
    assert.deepEqual(error.settings.map((a) => a.name), ['batch', 'steps', 'hidden', 'layers']);  // not embedding alone
    const batch = error.settings[0];
    assert.equal(batch.current, 64);
    assert.ok(batch.fits >= 1 && batch.fits < 64);
    assert.match(error.message, new RegExp(`lower batch \\(64 -> at most ${batch.fits}\\)`));
    assert.equal(error.outOfMemory, true);
    // Nothing was lost: the small trainer trains.
    assert.equal(s.run('main', 1).steps, 1);
  } finally {
    s.delete();
  }
});

test('an allocation beyond WebAssembly memory is a clear Error, and the module works on', () => {
  // One parameter buffer of about 4e9 bytes (an RNN over a vocabulary of 120,000 words, hidden 4096):
  // more than the 4 GB the module may grow to, so malloc fails at once.
  assert.throws(() => new seqlab.Model({ cell: 'rnn', vocab: 120000, hidden: 4096 }),
    (e) => e instanceof Error && /^the engine ran out of memory/.test(e.message) && !/^std::bad_alloc$/.test(e.message) &&
      e.outOfMemory === true);
  const small = new seqlab.Model({ cell: 'rnn', vocab: 5, hidden: 4 });
  assert.equal(small.parameterNames()[0], 'l0.W_xh');
  small.delete();
});
