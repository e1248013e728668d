// The engine worker: loads the WebAssembly module once, owns every C++ object, and answers the page's
// requests (web/js/protocol.js) through the handler tables of web/js/worker/*-handlers.js.
import { createSeqlab } from '../../engine/seqlab.mjs';
import { engineHandlers } from './engine-handlers.js';

const handlers = { ...engineHandlers };

/** What handlers share: the engine and the objects the worker owns (freed here, never by the page). */
const context = {
  seqlab: null,
  post: (event, data) => self.postMessage({ type: 'event', event, data }),
};
const ready = createSeqlab().then((seqlab) => { context.seqlab = seqlab; });

self.onmessage = async (message) => {
  const { id, type, payload } = message.data;
  try {
    await ready;
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request type '${type}'`);
    const result = await handler(payload || {}, context);
    self.postMessage({ id, ok: true, result });
  } catch (error) {
    self.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
};
