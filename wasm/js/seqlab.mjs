// The JS face of seqlab: `createSeqlab()` resolves to the engine's API, the same in Node, in a Web Worker
// and on a page. It loads the package's Embind module (seqlab_full.mjs + .wasm, built by `cmake --preset
// wasm`: every binding) and wraps its raw bindings. The playground's worker loads the smaller seqlab_core
// module instead, through seqlab-session.mjs (the Session only: all the page calls).
import createSeqlabModule from './seqlab_full.mjs';
import { baseApi, loadModule } from './engine-loader.mjs';
import { install as installText } from './text.mjs';
import { install as installModel } from './model.mjs';
import { install as installNgram } from './ngram.mjs';
import { install as installLoadedModel } from './loaded-model.mjs';
import { install as installTrainer } from './trainer.mjs';
import { install as installSession } from './session.mjs';

/**
 * options.wasmModule: a compiled seqlab_full.wasm; without it the file beside this module is loaded.
 * @returns {Promise<import('./seqlab').Seqlab>}
 */
export async function createSeqlab(options = {}) {
  const raw = await loadModule(createSeqlabModule, new URL('./seqlab_full.wasm', import.meta.url), options.wasmModule);
  const api = baseApi(raw);
  installText(api, raw);
  installModel(api, raw);
  installNgram(api, raw);
  installLoadedModel(api, raw);
  installTrainer(api, raw);
  installSession(api, raw);
  return api;
}

export default createSeqlab;
