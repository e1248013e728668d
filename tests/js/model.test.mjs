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

test('Model: lossSteps last with pathSplit gives gruPaths / lstmPaths; the linear RNN follows rho^(T-1-t)', () => {
  const B = 2, T = 8;
  const inputs = Int32Array.from({ length: B * T }, (_, i) => (i * 5 + 1) % 6);
  const targets = Int32Array.from({ length: B * T }, (_, i) => (i * 7 + 2) % 6);
  for (const gruVariant of ['seed', 'reset_after']) {
    const gru = new seqlab.Model({ cell: 'gru', vocab: 6, hidden: 4, layers: 2, gruVariant, seed: 3 });
    try {
      const r = gru.lossAndGradients(inputs, targets, B, T, { lossSteps: 'last', pathSplit: true });
      assert.equal(r.gruPaths.length, 2);
      assert.equal(r.gruPaths[0].length, T);
      for (const k of ['direct', 'update', 'candidate', 'reset']) assert.ok(r.gruPaths[1][T - 1][k] > 0, k);
      assert.equal(r.lstmPaths, undefined);
      assert.equal(r.hiddenGradNorms[0].length, T);
      assert.equal(gru.lossAndGradients(inputs, targets, B, T).gruPaths, undefined);
    } finally {
      gru.delete();
    }
  }
  const lstm = new seqlab.Model({ cell: 'lstm', vocab: 6, hidden: 4 });
  try {
    const r = lstm.lossAndGradients(inputs, targets, B, T, { pathSplit: true, truncation: 'fixed:4' });
    assert.deepEqual(Object.keys(r.lstmPaths[0][0]).sort(), ['cell', 'rest']);
  } finally {
    lstm.delete();
  }
  // The notes' linear RNN: phi = identity, W_hh = rho I, the loss of the last step only.
  for (const rho of [0.5, 1.5]) {
    const rnn = new seqlab.Model({ cell: 'rnn', vocab: 6, hidden: 4, activation: 'identity', seed: 5 });
    try {
      rnn.setParameter('l0.W_hh', Float32Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? 1 : 0)));
      assert.ok(Math.abs(rnn.setSpectralRadius('l0.W_hh', rho) - rho) < 1e-5);
      assert.ok(Math.abs(rnn.spectralRadius('l0.W_hh') - rho) < 1e-5);
      const norms = rnn.lossAndGradients(inputs, targets, B, T, { lossSteps: 'last' }).hiddenGradNorms[0];
      for (let t = 0; t < T; t++) {
        const predicted = rho ** (T - 1 - t) * norms[T - 1];
        assert.ok(Math.abs(norms[t] - predicted) <= 1e-5 * predicted, `rho ${rho} t ${t}: ${norms[t]} vs ${predicted}`);
      }
    } finally {
      rnn.delete();
    }
  }
});

test('Model: gateActivations gives (T, hidden) arrays per layer and gate; options are checked', () => {
  const model = new seqlab.Model({ cell: 'lstm', vocab: 5, hidden: 3, layers: 2 });
  try {
    const gates = model.gateActivations(Int32Array.of(0, 1, 2, 3, 4), 5);
    assert.deepEqual(Object.keys(gates), ['l0.i', 'l0.f', 'l0.o', 'l1.i', 'l1.f', 'l1.o']);
    for (const a of Object.values(gates)) {
      assert.ok(a instanceof Float32Array);
      assert.equal(a.length, 5 * 3);
      assert.ok(a.every((v) => v > 0 && v < 1));
    }
    // Row 0 of l0.f from the zero state: sigmoid(W_xf[:, x0] + b_f), by hand.
    const W = model.getParameter('l0.W_xf'), b = model.getParameter('l0.b_f');
    for (let i = 0; i < 3; i++) {
      assert.ok(Math.abs(gates['l0.f'][i] - 1 / (1 + Math.exp(-(W[i * 5] + b[i])))) < 1e-6);
    }
    assert.throws(() => model.gateActivations(Int32Array.of(0, 1), 5), /expected T = 5/);
    assert.throws(() => model.spectralRadius('l0.W_xi'), /not a square matrix/);
    const x = Int32Array.of(0, 1, 2, 3);
    assert.throws(() => model.lossAndGradients(x, x, 2, 2, { tbptt: 3 }),
      /allowed: truncation, tau, pi, seed, lossSteps, pathSplit\)/);
    assert.throws(() => model.lossAndGradients(x, x, 2, 2, { lossSteps: 'first' }), /all, last/);
  } finally {
    model.delete();
  }
  const rnn = new seqlab.Model({ cell: 'rnn', vocab: 5, hidden: 3 });
  try {
    assert.deepEqual(rnn.gateActivations(Int32Array.of(1, 2), 2), {});
  } finally {
    rnn.delete();
  }
});
