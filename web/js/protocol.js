// The typed message protocol between the page and its worker (web/js/worker/worker.js).
// Every request carries {id, type, payload}; the worker answers each with {id, ok: true, result} or
// {id, ok: false, error}. Long jobs also post events {type: 'event', event, data} (e.g. training progress).

/**
 * @typedef {{id: number, type: string, payload?: object}} Request
 * @typedef {{id: number, ok: true, result: any} | {id: number, ok: false, error: string}} Response
 * @typedef {{type: 'event', event: string, data: any}} WorkerEvent
 * @typedef {{version: string, simd: boolean, target: string}} EngineInfo   result of type 'engine-info'
 */

/** Request types the worker understands; each handler lives in web/js/worker/. */
export const RequestType = Object.freeze({
  ENGINE_INFO: 'engine-info',
});
