// What the worker's handlers share: the engine module and the C++ objects the worker owns (freed here,
// never by the page). A module of its own so that Node tests can drive the handlers with a real engine.
import { stopTraining } from './train-handlers.js';

/**
 * @param {object} seqlab  the API createSeqlab() resolves to
 * @param {(event: import('../protocol.js').EventType, data: any) => void} post  sends an event to the page
 */
export function createContext(seqlab, post) {
  return {
    seqlab,
    corpus: null,
    ngram: null,
    trainer: null,
    /** The training loop's state (train-handlers.js). */
    training: null,
    post,

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
}
