// The JS Model API in Node: weights from a PyTorch fixture give torch's loss, gradients and final state.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const seqlab = await createSeqlab();
const fixture = (name) =>
  JSON.parse(readFileSync(new URL(`../data/reference/${name}.json`, import.meta.url), 'utf8'));

// Elementwise |ours - ref| <= 1e-5 * max(|ref|, 1e-2), as in tests/engine/nn/reference_test.cpp.
function close(ours, ref, what) {
  assert.equal(ours.length, ref.length, what);
  for (let i = 0; i < ref.length; i++) {
    const tol = 1e-5 * Math.max(Math.abs(ref[i]), 1e-2);
    assert.ok(Math.abs(ours[i] - ref[i]) <= tol, `${what}[${i}]: ${ours[i]} vs ${ref[i]}`);
  }
}

for (const name of ['gru_reset_after', 'gru_notes_2layer_embedding', 'lstm_2layer', 'rnn_relu_2layer']) {
  test(`Model reproduces the ${name} fixture`, () => {
    const f = fixture(name);
    const model = new seqlab.Model({ ...f.config, seed: 1 });
    try {
      assert.deepEqual(model.parameterNames(), Object.keys(f.parameters));
      for (const [p, values] of Object.entries(f.parameters)) {
        model.setParameter(p, Float32Array.from(values));
        assert.equal(model.getParameter(p).length, values.length);
      }
      const state = { h: f.h0.map((a) => Float32Array.from(a)) };
      if (f.c0) state.c = f.c0.map((a) => Float32Array.from(a));
      const r = model.lossAndGradients(Int32Array.from(f.inputs), Int32Array.from(f.targets), f.B, f.T,
        { truncation: 'full', seed: 0, state });
      close([r.loss], [f.loss], 'loss');
      for (const p of model.parameterNames()) close(r.gradients[p], f.gradients[p], `gradient ${p}`);
      f.hT.forEach((h, l) => close(r.state.h[l], h, `hT[${l}]`));
      if (f.cT) f.cT.forEach((c, l) => close(r.state.c[l], c, `cT[${l}]`));
      assert.equal(r.hiddenGradNorms.length, f.config.layers);
      assert.equal(r.hiddenGradNorms[0].length, f.T);
    } finally {
      model.delete();
    }
  });
}

test('Model validates its arguments with messages', () => {
  const model = new seqlab.Model({ cell: 'gru', vocab: 5, hidden: 3 });
  try {
    assert.deepEqual(model.parameterShape('l0.W_xz'), [3, 5]);
    assert.throws(() => model.setParameter('b_q', new Float32Array(2)), /expected 5/);
    assert.throws(() => model.getParameter('l9.W_xz'), /unknown parameter/);
    assert.throws(() => model.lossAndGradients(Int32Array.of(0, 7), Int32Array.of(1, 2), 1, 2), /outside \[0, 4\]/);
    const r = model.lossAndGradients(Int32Array.of(0, 1, 2, 3), Int32Array.of(1, 2, 3, 4), 2, 2,
      { truncation: 'random:0.5', seed: 9 });
    assert.ok(Number.isFinite(r.loss));
    assert.equal(r.state.h[0].length, 2 * 3);
    assert.ok(r.gateMeans['l0.z'] > 0 && r.gateMeans['l0.z'] < 1);
  } finally {
    model.delete();
  }
  assert.throws(() => new seqlab.Model({ cell: 'transformer' }), /cell/);
});
