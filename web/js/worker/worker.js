// The engine worker: loads the WebAssembly module once, owns every C++ object, and answers the page's
// requests (web/js/protocol.js) through the handler tables of web/js/worker/*-handlers.js.
import { createSeqlab } from '../../engine/seqlab.mjs';
import { engineHandlers } from './engine-handlers.js';
import { corpusHandlers, corpusPreparers } from './corpus-handlers.js';
import { ngramHandlers } from './ngram-handlers.js';
import { trainHandlers, stopTraining } from './train-handlers.js';

const handlers = { ...engineHandlers, ...corpusHandlers, ...ngramHandlers, ...trainHandlers };
/** Work that may start while the module still compiles (e.g. fetching the default text). */
const preparers = { ...corpusPreparers };

/** What handlers share: the engine and the objects the worker owns (freed here, never by the page). */
const context = {
  seqlab: null,
  corpus: null,
  ngram: null,
  trainer: null,
  post: (event, data) => self.postMessage({ type: 'event', event, data }),

  /** Stores `object` under `key`, freeing the object it replaces. */
  replace(key, object) {
    if (key === 'trainer') stopTraining(this);
    const old = this[key];
    this[key] = object;
    if (old && old !== object) old.delete();
  },

  /** A new corpus: the models built on the old one are freed with it. */
  replaceCorpus(corpus) {
    this.replace('trainer', null);
    this.replace('ngram', null);
    this.replace('corpus', corpus);
  },

  require(key, message) {
    if (!this[key]) throw new Error(message);
    return this[key];
  },

  requireCorpus() { return this.require('corpus', 'no corpus loaded yet'); },
};
const ready = createSeqlab().then((seqlab) => { context.seqlab = seqlab; });

self.onmessage = async (message) => {
  const { id, type, payload } = message.data;
  try {
    const prepared = preparers[type]?.(payload || {});
    await ready;
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request type '${type}'`);
    const result = await handler(payload || {}, context, prepared);
    self.postMessage({ id, ok: true, result });
  } catch (error) {
    self.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
    // A trap (abort, out of memory) leaves the module unusable: end this worker so the page starts a new one.
    if (error instanceof WebAssembly.RuntimeError) setTimeout(() => { throw error; });
  }
};
