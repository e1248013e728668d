// The playground's entry: `createSeqlab()` resolves to {version, simd, target, raw, schema(), Session}, over
// the page's Embind module (seqlab_core.mjs + .wasm), which registers the engine information, the schema and
// the Session and nothing else: the page calls nothing else, and every visit downloads the module. The
// package's entry (seqlab.mjs) has the same Session beside the one-object-at-a-time classes.
import createSeqlabModule from './seqlab_core.mjs';
import { baseApi, loadModule } from './engine-loader.mjs';
import { install as installSession } from './session.mjs';

/**
 * options.wasmModule: a compiled seqlab_core.wasm (a page compiles it while it downloads, web/js/engine-boot.js);
 * without it the file at options.wasmUrl is loaded, by default the one beside this module (the page's worker
 * bundles this module, so it says where the .wasm is).
 * @returns {Promise<import('./seqlab-session').SeqlabSession>}
 */
export async function createSeqlab(options = {}) {
  const wasmUrl = options.wasmUrl ?? new URL('./seqlab_core.wasm', import.meta.url);
  const raw = await loadModule(createSeqlabModule, wasmUrl, options.wasmModule);
  const api = baseApi(raw);
  installSession(api, raw);
  return api;
}

export default createSeqlab;
