// seqlab.Session's lab methods through the JS wrapper (wasm/js/session.mjs): the shapes the lab's worker
// relies on, the argument checks of the wrapper, and two facts checked another way: the linear RNN's
// curve falls below rho = 1 and rises above it, and sequential rows of minibatch k + 1 continue those of k.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const text = readFileSync(new URL('../../web/assets/timemachine.txt', import.meta.url), 'utf8').slice(0, 30000);

test('Session lab: probe, gateActivations, linearRnn and batchLayout from JS', async () => {
  const seqlab = await createSeqlab();
  const s = new seqlab.Session();
  try {
    s.loadCorpus(text, { valFraction: 0.1 });
    s.createTrainer('gru', { cell: 'gru', hidden: 12 }, { batch: 4, steps: 9, seed: 1 });
    s.createTrainer('lstm', { cell: 'lstm', hidden: 12 }, { batch: 4, steps: 9, seed: 1 });
    const g = s.probe('gru');
    assert.equal(g.T, 9);
    assert.equal(g.hiddenGradNorms[0].length, 9);
    assert.deepEqual(Object.keys(g.gruPaths[0][0]).sort(), ['candidate', 'direct', 'reset', 'update']);
    assert.deepEqual(Object.keys(s.probe('lstm').lstmPaths[0][0]).sort(), ['cell', 'rest']);
    assert.equal(s.probe('gru', { pathSplit: false }).gruPaths, undefined);

    const gates = s.gateActivations('gru', 'hello there', { maxTokens: 5 });
    assert.deepEqual(gates.tokens, ['h', 'e', 'l', 'l', 'o']);
    assert.equal(gates.gates['l0.r'].length, 5);
    assert.ok(gates.gates['l0.r'].flat().every((v) => v > 0 && v < 1));
    assert.throws(() => s.gateActivations('gru', '', { maxTokens: 1.5 }), /gateActivations options: maxTokens = 1.5 is not an integer in \[1, 4096\]/);

    const fall = s.linearRnn({ rho: 0.7, hidden: 16, steps: 20 }).norms;
    const rise = s.linearRnn({ rho: 1.3, hidden: 16, steps: 20 }).norms;
    assert.ok(fall[0] < fall[19] && rise[0] > rise[19]);
    assert.throws(() => s.linearRnn({ rho: 11 }), /linearRnn options: rho = 11 is outside \[0, 10\]/);

    const [, k3] = s.batchLayout({ batch: 4, steps: 9, seed: 2 }, 3);
    const [, k4] = s.batchLayout({ batch: 4, steps: 9, seed: 2 }, 4);
    k4.rows.forEach((row, b) => assert.equal(row.start, k3.rows[b].start + 9));
    assert.throws(() => s.batchLayout({}, -1), /k must be in \[0, 1000000\]/);
    assert.throws(() => s.probe('', {}), /non-empty string/);
  } finally {
    s.delete();
  }
});
