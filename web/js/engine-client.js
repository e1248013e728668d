// The page's only door to the engine: a Web Worker that owns every C++ object. Requests (protocol.js) are
// promises; events (training progress, ...) go to listeners. After a worker error the worker is discarded
// and a new one is created, so one bad input cannot leave the page with a dead engine.
import { REQUEST_TYPES, EVENT_TYPES } from './protocol.js';

/** The client's own event, besides the worker's: a new worker replaced a failed one ({reason}). */
const RESTARTED = 'restarted';

export class EngineClient {
  /**
   * @param {URL} workerUrl
   * @param {{worker: Worker, failure: string|null}} [boot]  a worker already started for workerUrl
   *   (engine-boot.js), adopted unless it failed meanwhile
   */
  constructor(workerUrl = new URL('./worker/worker.js', import.meta.url), boot = undefined) {
    this.workerUrl = workerUrl;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Map();
    if (boot?.failure) boot.worker.terminate();
    this.startWorker(boot && !boot.failure ? boot.worker : undefined);
  }

  startWorker(started = undefined) {
    this.worker = started || new Worker(this.workerUrl, { type: 'module' });
    this.worker.onmessage = (message) => this.receive(message.data);
    this.worker.onerror = (error) => this.restart(error.message || 'the engine worker failed');
  }

  /** Rejects what was pending and starts a fresh worker. */
  restart(reason) {
    this.worker.terminate();
    for (const { reject } of this.pending.values()) reject(new Error(reason));
    this.pending.clear();
    this.startWorker();
    this.emit(RESTARTED, { reason });
  }

  /**
   * Sends a request; resolves with its result or rejects with the engine's error message.
   * @template {import('./protocol.js').RequestType} K
   * @param {K} type
   * @param {import('./protocol.js').Requests[K]['payload']} [payload]
   * @param {Transferable[]} [transfer]
   * @returns {Promise<import('./protocol.js').Requests[K]['result']>}
   */
  request(type, payload = {}, transfer = []) {
    if (!REQUEST_TYPES.includes(type)) return Promise.reject(new Error(`unknown request type '${type}'`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type, payload }, transfer);
    });
  }

  /**
   * Listens to a worker event (protocol.js EventType) or to 'restarted'; returns the unsubscribe function.
   * @param {import('./protocol.js').EventType | 'restarted'} event
   * @param {(data: any) => void} listener
   */
  on(event, listener) {
    if (event !== RESTARTED && !EVENT_TYPES.includes(event)) throw new Error(`unknown engine event '${event}'`);
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(listener);
    return () => this.listeners.get(event).delete(listener);
  }

  emit(event, data) {
    for (const listener of this.listeners.get(event) || []) listener(data);
  }

  receive(message) {
    if (message.type === 'event') {
      this.emit(message.event, message.data);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.result);
    else pending.reject(new Error(message.error));
  }
}
