// TensorFlow.js (4.22, WebAssembly backend with SIMD, one thread) training the benchmark's standard model,
// built the ordinary way with tf.layers: one-hot input of V, SimpleRNN / GRU / LSTM with H units and
// returnSequences, a TimeDistributed Dense(V, softmax), sparse categorical cross-entropy over all B*T
// positions, plain SGD, float32. tf.layers.gru uses its default (resetAfter: false, which is the GRU of
// seqlab's notes: reset before the recurrent product).
// One-hot inputs and targets are built once, outside the timed region (seqlab takes token ids; this only
// favours TensorFlow.js).
// Usage: node bench/tfjs_bench.mjs [--reps 5] [--warmup 2] [--batches 4] [--B 32] [--T 35] [--H 256]
//        [--V 28] [--cells rnn,gru,lstm] [--backend wasm|cpu]        prints one JSON object.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const reps = Number(option('reps', 5));
const warmup = Number(option('warmup', 2));
const batchesPerRep = Number(option('batches', 4));
const B = Number(option('B', 32));
const T = Number(option('T', 35));
const H = Number(option('H', 256));
const V = Number(option('V', 28));
const cells = option('cells', 'rnn,gru,lstm').split(',');
const backend = option('backend', 'wasm');

// One thread, SIMD on: the same resources seqlab's module gets in a page without cross-origin isolation.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
setWasmPaths(`${path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
await tf.setBackend(backend);
await tf.ready();

function buildModel(cell) {
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

function randomBatch(seed) {
  // A deterministic pseudo-text: ids from a linear congruential stream.
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
    x: tf.oneHot(tf.tensor2d(inputs, [B, T], 'int32'), V).toFloat(),  // (B, T, V)
    y: tf.tensor3d(targets, [B, T, 1]),                                 // (B, T, 1)
  };
}

const result = {
  library: `@tensorflow/tfjs ${tf.version.tfjs}`, backend: tf.getBackend(),
  simd: backend === 'wasm' ? await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') : false,
  threads: 1, B, T, H, V, reps, batches_per_rep: batchesPerRep, gru_reset_after: false, cells: {},
};
for (const cell of cells) {
  const model = buildModel(cell);
  const batches = [0, 1, 2, 3].map((i) => randomBatch(1234 + i));
  let lastLoss = NaN;
  const step = async (i) => {
    const { x, y } = batches[i % batches.length];
    lastLoss = await model.trainOnBatch(x, y);  // awaits the loss: the step is finished
  };
  for (let i = 0; i < warmup; ++i) await step(i);
  const tokensPerSecond = [];
  for (let r = 0; r < reps; ++r) {
    const t0 = performance.now();
    for (let i = 0; i < batchesPerRep; ++i) await step(i);
    const seconds = (performance.now() - t0) / 1e3;
    tokensPerSecond.push((B * T * batchesPerRep) / seconds);
  }
  const sorted = [...tokensPerSecond].sort((a, b) => a - b);
  result.cells[cell] = {
    tokens_per_s: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1],
    samples: tokensPerSecond, loss: lastLoss, tensors_after: tf.memory().numTensors,
  };
  model.dispose();
  for (const b of batches) { b.x.dispose(); b.y.dispose(); }
}
console.log(JSON.stringify(result));
