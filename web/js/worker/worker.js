// The engine worker: loads the WebAssembly module once, owns every C++ object, and answers the page's
// requests (web/js/protocol.js) through the handler tables of web/js/worker/*-handlers.js.
import { createSeqlab } from '../../engine/seqlab-session.mjs';
import { checkHandlers } from '../protocol.js';
import { createContext } from './context.js';
import { engineHandlers } from './engine-handlers.js';
import { corpusHandlers, corpusPreparers, receiveBootText } from './corpus-handlers.js';
import { ngramHandlers } from './ngram-handlers.js';
import { trainHandlers } from './train-handlers.js';
import { labHandlers } from './lab-handlers.js';
import { memoryHandlers } from './memory-handlers.js';

const handlers = { ...engineHandlers, ...corpusHandlers, ...ngramHandlers, ...trainHandlers, ...labHandlers,
  ...memoryHandlers };
checkHandlers(handlers);
/** Work that may start while the module still compiles (e.g. fetching a text). */
const preparers = { ...corpusPreparers };
/** What arrives ahead of the request that needs it (the page's first text, from engine-boot.js). */
const early = { texts: new Map(), deliveries: new Map() };

const post = (event, data) => self.postMessage({ type: 'event', event, data });
// Started by engine-boot.js (`?module=posted`), the worker receives the module compiled on the page as its
// first message ({type: 'engine-module', module}: null when that compilation failed); otherwise it loads it.
let receiveModule = null;
const postedModule = new URL(self.location.href).searchParams.has('module')
  ? new Promise((resolve) => { receiveModule = resolve; }) : Promise.resolve(null);
/** The engine's .wasm (the engine's JS is bundled into this worker's script, web/engine/ holds the .wasm). */
const wasmUrl = new URL('../../engine/seqlab_core.wasm', import.meta.url);
const ready = postedModule
  .then((wasmModule) => createSeqlab(wasmModule ? { wasmModule } : { wasmUrl }))
  .then((seqlab) => createContext(seqlab, post));

self.onmessage = async (message) => {
  if (message.data?.type === 'engine-module') {
    receiveModule?.(message.data.module);
    return;
  }
  if (message.data?.type === 'engine-text') {
    receiveBootText(message.data, early);
    return;
  }
  const { id, type, payload } = message.data;
  try {
    const prepared = preparers[type]?.(payload || {}, early);
    const context = await ready;
    if (!Object.hasOwn(handlers, type)) throw new Error(`unknown request type '${type}'`);
    const result = await handlers[type](payload || {}, context, prepared);
    self.postMessage({ id, ok: true, result });
  } catch (error) {
    // A trap (abort) leaves the module unusable, and an allocation that failed (error.outOfMemory without
    // settings: std::bad_alloc, js_interop.h) leaves the memory grown for it reserved for good: either way
    // this worker ends and the page starts a new one (engine-client.js, at most once per request).
    const fatal = error instanceof WebAssembly.RuntimeError || Boolean(error?.outOfMemory && !error.settings);
    // code: what the page may act on without reading the message (NO_CORPUS, protocol.js).
    self.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error),
      settings: error?.settings, code: error?.code, fatal });
    if (fatal) setTimeout(() => { throw error; });
  }
};
