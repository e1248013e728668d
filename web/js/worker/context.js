// What the worker's handlers share: the engine module and its one Session (wasm/facade/session.h), which
// holds the corpus, the n-gram model and the named trainers and knows what a new corpus invalidates. The
// worker owns it (the page never holds a C++ object). A module of its own so that Node tests can drive
// the handlers with a real engine.

/** The page trains one network; the Session knows it by this name. */
export const TRAINER = 'main';

/**
 * @param {object} seqlab  the API createSeqlab() resolves to
 * @param {(event: import('../protocol.js').EventType, data: any) => void} post  sends an event to the page
 */
export function createContext(seqlab, post) {
  return {
    seqlab,
    session: new seqlab.Session(),
    /** The training loop's state (train-handlers.js). */
    training: null,
    post,
  };
}
