// The benchmark's model in TensorFlow.js, built the ordinary way with tf.layers, shared by the Node bench
// (bench/tfjs_bench.mjs) and the browser bench's page (bench/browser/bench-page.js) so that both time the
// same thing: one-hot input of V, SimpleRNN / GRU / LSTM with H units and returnSequences, a TimeDistributed
// Dense(V, softmax), sparse categorical cross-entropy over all B*T positions, plain SGD, float32.
// tf.layers.gru uses its default (resetAfter: false, which is the GRU of seqlab's notes: reset before the
// recurrent product). One-hot inputs and targets are built once, outside the timed region (seqlab takes
// token ids; this only favours TensorFlow.js). `tf` is passed in: Node imports the npm package, the page
// loads its browser build.

/** @param {{H: number, T: number, V: number}} dims */
export function buildModel(tf, cell, { H, T, V }) {
  const model = tf.sequential();
  // glorotUniform instead of the default orthogonal recurrent initializer only shortens set-up (tfjs warns
  // that orthogonal is slow above 2000 elements); it changes nothing in the timed training steps.
  const recurrent = { units: H, returnSequences: true, inputShape: [T, V], recurrentInitializer: 'glorotUniform' };
  if (cell === 'rnn') model.add(tf.layers.simpleRNN({ ...recurrent, activation: 'tanh' }));
  else if (cell === 'gru') model.add(tf.layers.gru(recurrent));
  else if (cell === 'lstm') model.add(tf.layers.lstm(recurrent));
  else throw new Error(`unknown cell '${cell}' (rnn, gru, lstm)`);
  model.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: V, activation: 'softmax' }) }));
  model.compile({ optimizer: tf.train.sgd(0.5), loss: 'sparseCategoricalCrossentropy' });
  return model;
}

/** A deterministic pseudo-text batch: ids from a linear congruential stream, one-hot (B, T, V) and (B, T, 1). */
export function randomBatch(tf, seed, { B, T, V }) {
  let s = seed >>> 0;
  const ids = new Int32Array(B * (T + 1));
  for (let i = 0; i < ids.length; ++i) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    ids[i] = s % V;
  }
  const inputs = new Int32Array(B * T), targets = new Float32Array(B * T);
  for (let b = 0; b < B; ++b)
    for (let t = 0; t < T; ++t) {
      inputs[b * T + t] = ids[b * (T + 1) + t];
      targets[b * T + t] = ids[b * (T + 1) + t + 1];
    }
  return {
    x: tf.oneHot(tf.tensor2d(inputs, [B, T], 'int32'), V).toFloat(),
    y: tf.tensor3d(targets, [B, T, 1]),
  };
}

/**
 * A model ready to time: `step()` trains one batch (forward, backward, SGD) and resolves once the loss is
 * read back, i.e. the step has finished. `dispose()` frees the model and its batches.
 */
export function createTrainer(tf, cell, dims) {
  const model = buildModel(tf, cell, dims);
  const batches = [0, 1, 2, 3].map((i) => randomBatch(tf, 1234 + i, dims));
  let i = 0;
  let loss = NaN;
  return {
    async step() {
      const { x, y } = batches[i++ % batches.length];
      loss = await model.trainOnBatch(x, y);
      return loss;
    },
    get loss() { return loss; },
    dispose() {
      model.dispose();
      for (const b of batches) { b.x.dispose(); b.y.dispose(); }
    },
  };
}

/**
 * GFLOP/s of tf.matMul at a GRU step's products ((B,H)x(H,3H), (B,3H)x(3H,H), (3H,B)x(B,H)) summed by FLOP,
 * median of `reps` timings of at least `minMs` each: the library's own matrix-product rate in the same
 * process, against which its training rate is judged.
 */
export async function matMulRate(tf, { B, H }, { reps = 5, minMs = 100 } = {}) {
  const shapes = [[B, H, 3 * H], [B, 3 * H, H], [3 * H, B, H]];
  const mats = shapes.map(([m, k, n]) => [tf.randomUniform([m, k], -0.5, 0.5), tf.randomUniform([k, n], -0.5, 0.5)]);
  const flop = shapes.reduce((sum, [m, k, n]) => sum + 2 * m * k * n, 0);
  const once = async () => {
    const outs = mats.map(([a, b]) => tf.matMul(a, b));
    await Promise.all(outs.map((o) => o.data()));   // read back: the products have run
    outs.forEach((o) => o.dispose());
  };
  await once();
  const rates = [];
  for (let r = 0; r < reps; ++r) {
    let calls = 0;
    const t0 = performance.now();
    let elapsed = 0;
    do {
      await once();
      ++calls;
      elapsed = performance.now() - t0;
    } while (elapsed < minMs);
    rates.push((flop * calls) / (elapsed / 1e3) / 1e9);
  }
  mats.flat().forEach((m) => m.dispose());
  rates.sort((a, b) => a - b);
  return { gflops: rates[Math.floor(rates.length / 2)], gflops_best: rates[rates.length - 1], gflops_min: rates[0] };
}
