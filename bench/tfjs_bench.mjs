// TensorFlow.js (4.22, WebAssembly backend with SIMD, one thread) training the benchmark's standard model
// (bench/tfjs_model.mjs: the same code the browser bench's page runs) in Node. Per repetition it records
// tokens/s and the process's CPU time over the wall time (near 1: the thread ran; well below: it waited
// for the CPU); once per process it times tf.matMul at a GRU step's shapes (the library's own product rate).
// Usage: node bench/tfjs_bench.mjs [--reps 5] [--warmup 2] [--batches 4] [--B 32] [--T 35] [--H 256]
//        [--V 28] [--cells rnn,gru,lstm] [--backend wasm|cpu] [--no-matmul]        prints one JSON object.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createTrainer, matMulRate } from './tfjs_model.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const reps = Number(option('reps', 5));
const warmup = Number(option('warmup', 2));
const batchesPerRep = Number(option('batches', 4));
const dims = { B: Number(option('B', 32)), T: Number(option('T', 35)), H: Number(option('H', 256)), V: Number(option('V', 28)) };
const cells = option('cells', 'rnn,gru,lstm').split(',');
const backend = option('backend', 'wasm');

// One thread, SIMD on: the same resources seqlab's module gets in a page without cross-origin isolation.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
setWasmPaths(`${path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
await tf.setBackend(backend);
await tf.ready();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const result = {
  library: `@tensorflow/tfjs ${tf.version.tfjs}`, backend: tf.getBackend(),
  simd: backend === 'wasm' ? await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') : false,
  threads: 1, ...dims, reps, batches_per_rep: batchesPerRep, gru_reset_after: false,
  matmul: process.argv.includes('--no-matmul') ? null : await matMulRate(tf, dims, { reps: Math.max(3, reps) }),
  cells: {},
};
for (const cell of cells) {
  const trainer = createTrainer(tf, cell, dims);
  for (let i = 0; i < warmup; ++i) await trainer.step();
  const tokensPerSecond = [], cpuOverWall = [];
  for (let r = 0; r < reps; ++r) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < batchesPerRep; ++i) await trainer.step();
    const seconds = (performance.now() - t0) / 1e3;
    const cpu = process.cpuUsage(cpu0);
    tokensPerSecond.push((dims.B * dims.T * batchesPerRep) / seconds);
    cpuOverWall.push((cpu.user + cpu.system) / 1e6 / seconds);
  }
  result.cells[cell] = {
    tokens_per_s: median(tokensPerSecond), min: Math.min(...tokensPerSecond), max: Math.max(...tokensPerSecond),
    samples: tokensPerSecond, cpu_over_wall: cpuOverWall, loss: trainer.loss, tensors_after: tf.memory().numTensors,
  };
  trainer.dispose();
}
console.log(JSON.stringify(result));
