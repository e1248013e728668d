// The browser bench's page: seqlab (its WebAssembly module, the page's own build) and TensorFlow.js's
// WebAssembly backend (SIMD, one thread) on the page's main thread, training the benchmark's standard model
// (V = 28 one-hot, one layer H = 256, B = 32, T = 35, full BPTT, softmax cross-entropy on every step, plain
// SGD, float32). scripts/bench-browser.mjs drives it through `window.bench`, one timed measurement per call,
// alternating the two libraries; this page only times.
// seqlab trains through the same API the page's worker uses (Session: a corpus, a trainer, run(k)): forward,
// backward and the SGD update on minibatches of The Time Machine at character level (28 tokens).
// TensorFlow.js trains bench/tfjs_model.mjs, the model the Node bench times: model.trainOnBatch.
import { createSeqlab } from '/engine/seqlab-session.mjs';
import { createTrainer, matMulRate } from '/bench/tfjs_model.mjs';

const tf = globalThis.tf;
const log = (line) => { document.getElementById('log').textContent += `${line}\n`; };

let seqlab = null;
let session = null;
const tfjsTrainers = new Map();

async function setup({ B, T, H }) {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);   // one thread, like seqlab without cross-origin isolation
  tf.wasm.setWasmPaths('/tfjs-wasm/');
  await tf.setBackend('wasm');
  await tf.ready();
  seqlab = await createSeqlab();
  session = new seqlab.Session();
  const text = await (await fetch('/assets/timemachine.txt')).text();
  const corpus = session.loadCorpus(text, { level: 'char' });
  const V = session.tokens().length;
  const info = {
    userAgent: navigator.userAgent,
    seqlab: { version: seqlab.version, simd: seqlab.simd, target: seqlab.target,
      // Which GEMM kernels run (the loader's choice) and which sets this build has: where there are two
      // (relaxed SIMD and SIMD128), the bench times each against TF.js.
      kernels: seqlab.kernels ?? null, kernelSets: seqlab.kernelSets ?? null, kernelsNote: seqlab.kernelsNote ?? null },
    tfjs: { version: tf.version.tfjs, backend: tf.getBackend(), simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
      threads: (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) ? 'more than one' : 1 },
    V, corpusTokens: corpus.tokens ?? null, B, T, H,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
  log(JSON.stringify(info));
  return info;
}

function seqlabTrainer(cell, dims) {
  const name = `bench:${cell}`;
  session.createTrainer(name, { cell, hidden: dims.H, layers: 1, embedding: 0 },
    { batch: dims.B, steps: dims.T, truncation: 'full', clip: 0, optimizer: 'sgd', lr: 0.5, seed: 1 });
  return name;
}

/**
 * Trains `steps` minibatches with seqlab; returns tokens/s (after `warmup` untimed ones). `kernels`: the GEMM
 * kernel set to run (one of seqlab.kernelSets), else the loader's choice.
 */
function runSeqlab(cell, dims, steps, warmup = 0, kernels = null) {
  const name = `bench:${cell}`;
  if (kernels && seqlab.selectKernels) seqlab.selectKernels(kernels);
  if (warmup) {
    seqlabTrainer(cell, dims);
    session.run(name, warmup);
  }
  const t0 = performance.now();
  const report = session.run(name, steps);
  const seconds = (performance.now() - t0) / 1e3;
  if (!Number.isFinite(report.loss)) throw new Error(`seqlab ${cell}: loss ${report.loss}`);
  return { tokensPerS: (steps * dims.B * dims.T) / seconds, loss: report.loss, seconds, kernels: seqlab.kernels ?? null };
}

/** Trains `batches` batches with TensorFlow.js; returns tokens/s (after `warmup` untimed ones). */
async function runTfjs(cell, dims, batches, warmup = 0) {
  if (warmup) {
    tfjsTrainers.get(cell)?.dispose();
    tfjsTrainers.set(cell, createTrainer(tf, cell, dims));
    for (let i = 0; i < warmup; ++i) await tfjsTrainers.get(cell).step();
  }
  const trainer = tfjsTrainers.get(cell);
  const t0 = performance.now();
  for (let i = 0; i < batches; ++i) await trainer.step();
  const seconds = (performance.now() - t0) / 1e3;
  return { tokensPerS: (batches * dims.B * dims.T) / seconds, loss: trainer.loss, seconds };
}

window.bench = {
  setup,
  runSeqlab,
  runTfjs,
  tfjsMatMul: (dims) => matMulRate(tf, dims, { reps: 5 }),
  tensors: () => tf.memory().numTensors,
};
window.benchReady = true;
