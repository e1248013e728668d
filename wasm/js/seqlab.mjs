// The JS face of seqlab: `createSeqlab()` resolves to the engine's API, the same in Node, in a Web Worker
// and on a page. It loads the Embind module (seqlab_core.mjs + .wasm, built by `cmake --preset wasm`) and
// wraps its raw bindings: structured results arrive from C++ as JSON text and are parsed here.
import createSeqlabModule from './seqlab_core.mjs';
import { install as installText } from './text.mjs';
import { install as installModel } from './model.mjs';
import { install as installNgram } from './ngram.mjs';
import { install as installLoadedModel } from './loaded-model.mjs';
import { install as installTrainer } from './trainer.mjs';
import { install as installSession } from './session.mjs';

const isNode = typeof process === 'object' && typeof process.versions === 'object' &&
  typeof process.versions.node === 'string' && typeof window === 'undefined' &&
  typeof importScripts === 'undefined';

/**
 * Loads the WebAssembly module. Node gets the .wasm bytes directly: its global fetch cannot load a path.
 * `wasmModule`: a WebAssembly.Module compiled already (a page compiles it while it downloads and hands it to
 * its worker), instantiated with the glue's imports instead of fetching the file again.
 * `wasmUrl`: where the .wasm is, by default beside this module (a bundle that includes this module says where).
 */
async function loadModule(wasmModule, wasmUrl = new URL('./seqlab_core.wasm', import.meta.url)) {
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
  if (isNode) {
    const { readFile } = await import('node:fs/promises');
    return createSeqlabModule({ wasmBinary: await readFile(wasmUrl) });
  }
  return createSeqlabModule({ locateFile: () => String(wasmUrl) });
}

/** Runs a bound call; a C++ exception arrives as an Error with the engine's message. */
function parseJson(text) {
  return JSON.parse(text);
}

/**
 * options.wasmModule: a compiled seqlab_core.wasm (a page compiles it while it downloads); without it the file
 * at options.wasmUrl (by default the one beside this module) is loaded.
 * @returns {Promise<import('./seqlab').Seqlab>}
 */
export async function createSeqlab(options = {}) {
  const raw = await loadModule(options.wasmModule, options.wasmUrl);
  const info = parseJson(raw.engineInfoJson());
  const api = {
    version: info.version,
    simd: info.simd,
    target: info.target,
    /** The raw Embind module, for code that needs what this wrapper does not expose. */
    raw,
    /** The option schema {corpus, task, stats, ngram, model, train, generate}: each a list of specs (a fresh copy). */
    schema: () => parseJson(raw.schemaJson()),
  };
  installText(api, raw);
  installModel(api, raw);
  installNgram(api, raw);
  installLoadedModel(api, raw);
  installTrainer(api, raw);
  installSession(api, raw);
  return api;
}

export default createSeqlab;
