// The JS face of seqlab: `createSeqlab()` resolves to the engine's API, the same in Node, in a Web Worker
// and on a page. It loads the Embind module (seqlab_core.mjs + .wasm, built by `cmake --preset wasm`) and
// wraps its raw bindings: structured results arrive from C++ as JSON text and are parsed here.
import createSeqlabModule from './seqlab_core.mjs';
import { installRelaxedKernels, selectWasmFile } from './kernels.mjs';
import { install as installText } from './text.mjs';
import { install as installModel } from './model.mjs';
import { install as installNgram } from './ngram.mjs';
import { install as installTrainer } from './trainer.mjs';
import { install as installSession } from './session.mjs';

const isNode = typeof process === 'object' && typeof process.versions === 'object' &&
  typeof process.versions.node === 'string' && typeof window === 'undefined' &&
  typeof importScripts === 'undefined';

export { selectWasmFile, relaxedSimdSupported } from './kernels.mjs';

/**
 * Loads the WebAssembly module. Node gets the .wasm bytes directly: its global fetch cannot load a path.
 * `wasmModule`: a WebAssembly.Module compiled already (a page compiles it while it downloads and hands it to
 * its worker), instantiated with the glue's imports instead of fetching the file again.
 */
async function loadModule(wasmModule) {
  if (wasmModule) {
    let fail;
    const failed = new Promise((_, reject) => { fail = reject; });
    const ready = createSeqlabModule({
      instantiateWasm(imports, receiveInstance) {
        WebAssembly.instantiate(wasmModule, imports)
          .then((instance) => receiveInstance(instance, wasmModule))   // throws for a module that is not seqlab's
          .catch(fail);
        return {};   // asynchronous: the glue waits for receiveInstance
      },
    });
    return Promise.race([ready, failed]);
  }
  const wasmUrl = new URL('./seqlab_core.wasm', import.meta.url);
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    return createSeqlabModule({ wasmBinary: await readFile(wasmUrl) });
  }
  return createSeqlabModule({ locateFile: () => wasmUrl.href });
}

/** Compiles the relaxed-SIMD kernel module beside this file (Node: from disk; elsewhere: fetched). */
async function compileKernelModule(file) {
  const url = new URL(`./${file}`, import.meta.url);
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    return WebAssembly.compile(await readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.href}: HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * Puts the relaxed-SIMD kernels in place where the engine supports them and they are wanted; returns
 * {kernels, reason}: the kernel set chosen and, when it is not the relaxed one although relaxed SIMD exists,
 * why (a missing file, a refused module). Failure to load them is never fatal: SIMD128 runs.
 */
async function setUpKernels(raw, choice, options, kernelModulePromise) {
  if (options.kernels === 'wasm_simd128' || !choice.kernelFile) return { kernels: 'wasm_simd128', reason: null };
  try {
    return installRelaxedKernels(raw.asm, await kernelModulePromise);
  } catch (error) {
    return { kernels: 'wasm_simd128', reason: `relaxed-SIMD kernels not loaded: ${error.message}` };
  }
}

/** Runs a bound call; a C++ exception arrives as an Error with the engine's message. */
function parseJson(text) {
  return JSON.parse(text);
}

/**
 * options.wasmModule: a compiled seqlab_core.wasm; options.kernelModule: a compiled relaxed-SIMD kernel module
 * (selectWasmFile().kernelFile); options.kernels: 'wasm_simd128' keeps the SIMD128 kernels even where relaxed
 * SIMD runs. Without them the files beside this module are loaded.
 * @returns {Promise<import('./seqlab').Seqlab>}
 */
export async function createSeqlab(options = {}) {
  const choice = selectWasmFile();
  const wantRelaxed = choice.kernelFile && options.kernels !== 'wasm_simd128';
  // The kernel module compiles while the main module loads.
  const kernelModulePromise = !wantRelaxed ? null
    : options.kernelModule ? Promise.resolve(options.kernelModule) : compileKernelModule(choice.kernelFile);
  kernelModulePromise?.catch(() => {});  // awaited (and its error reported) in setUpKernels
  const raw = await loadModule(options.wasmModule);
  const kernelSetUp = await setUpKernels(raw, choice, options, kernelModulePromise);
  const info = parseJson(raw.engineInfoJson());
  const api = {
    version: info.version,
    simd: info.simd,
    target: info.target,
    /** The GEMM kernels that run: 'wasm_simd128' or 'wasm_relaxed_simd' (f32x4.relaxed_madd). */
    get kernels() { return parseJson(raw.engineInfoJson()).kernels; },
    /** The kernel sets this engine has (switchable with selectKernels). */
    kernelSets: info.kernelSets,
    /** Why the relaxed-SIMD kernels do not run although this engine supports relaxed SIMD, else null. */
    kernelsNote: kernelSetUp.reason,
    /** Switches the GEMM kernels to one of kernelSets (the benchmark compares them in one page). */
    selectKernels: (name) => raw.selectGemmKernels(name),
    /** The raw Embind module, for code that needs what this wrapper does not expose. */
    raw,
    /** The option schema {corpus, stats, ngram, model, train, generate}: each a list of specs (a fresh copy). */
    schema: () => parseJson(raw.schemaJson()),
  };
  installText(api, raw);
  installModel(api, raw);
  installNgram(api, raw);
  installTrainer(api, raw);
  installSession(api, raw);
  return api;
}

export default createSeqlab;
