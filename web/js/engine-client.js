// The page's only door to the engine: a Web Worker that owns every C++ object. Requests (protocol.js) are
// promises; events (training progress, ...) go to listeners. After a worker error the worker is discarded
// and a new one is created, so one bad input cannot leave the page with a dead engine.
//
// The worker is recreated at most once for the same request (same type and payload), so a page that
// re-sends its state after a restart cannot loop: a request whose answer said it ended the worker (fatal:
// a trap, or memory that ran out) is not sent again; a request only suspected (the oldest one pending when
// the worker died, or the training loop, i.e. train-start under the trainer's train-create, when nothing
// was pending) is tried once more, and not sent again if the worker dies on it a second time.
import { REQUEST_TYPES, EVENT_TYPES } from './protocol.js';

/**
 * The client's own event, besides the worker's: a new worker replaced a failed one ({reason, request: the
 * type of the request blamed or null, final: that request is not sent again}).
 */
const RESTARTED = 'restarted';

/** A request's identity: its type and payload (a file's bytes by their length, as they are transferred). */
export function requestKey(type, payload) {
  return `${type} ${JSON.stringify(payload, (_key, value) =>
    (value instanceof ArrayBuffer ? `ArrayBuffer(${value.byteLength})` : value))}`;
}

export class EngineClient {
  /**
   * @param {URL} workerUrl
   * @param {{worker: Worker, failure: string|null}} [boot]  a worker already started for workerUrl
   *   (engine-boot.js), adopted unless it failed meanwhile
   */
  constructor(workerUrl = new URL('./worker/worker.bundle.js', import.meta.url), boot = undefined) {
    this.workerUrl = workerUrl;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Map();
    /** key -> {count, reason, final}: the workers that ended on that request; final ones are not re-sent. */
    this.failed = new Map();
    /** The request blamed for the worker that is ending (set by a fatal answer), or null. */
    this.blamed = null;
    /** The training loop's key (train-start under the last train-create) and whether it runs. */
    this.trainingKey = requestKey('train-start', {});
    this.trainingRuns = false;
    if (boot?.failure) boot.worker.terminate();
    this.startWorker(boot && !boot.failure ? boot.worker : undefined);
  }

  startWorker(started = undefined) {
    this.worker = started || new Worker(this.workerUrl, { type: 'module' });
    this.worker.onmessage = (message) => this.receive(message.data);
    this.worker.onerror = (error) => {
      error.preventDefault?.();
      this.restart(error.message || 'the engine worker failed');
    };
  }

  /** Rejects what was pending and starts a fresh worker, remembering which request to blame. */
  restart(reason) {
    this.worker.terminate();
    const oldest = [...this.pending.values()][0];
    const blamed = this.blamed || (oldest && { key: oldest.key, type: oldest.type, fatal: false })
      || (this.trainingRuns ? { key: this.trainingKey, type: 'train-start', fatal: false } : null);
    this.blamed = null;
    this.trainingRuns = false;
    let final = false;
    if (blamed) {
      const count = (this.failed.get(blamed.key)?.count ?? 0) + 1;
      final = blamed.fatal || count >= 2;
      this.failed.set(blamed.key, { count, reason, final });
    }
    for (const { reject } of this.pending.values()) reject(new Error(reason));
    this.pending.clear();
    this.startWorker();
    this.emit(RESTARTED, { reason, request: blamed?.type ?? null, final });
  }

  /**
   * Sends a request; resolves with its result or rejects with the engine's error message (an Error whose
   * `settings` lists [{name, current, fits}] when the engine refused it for memory, and whose `code` is
   * NO_CORPUS (protocol.js) when it needs a text and none is loaded yet).
   * @template {import('./protocol.js').RequestType} K
   * @param {K} type
   * @param {import('./protocol.js').Requests[K]['payload']} [payload]
   * @param {Transferable[]} [transfer]
   * @returns {Promise<import('./protocol.js').Requests[K]['result']>}
   */
  request(type, payload = {}, transfer = []) {
    if (!REQUEST_TYPES.includes(type)) return Promise.reject(new Error(`unknown request type '${type}'`));
    let key = requestKey(type, payload);
    if (type === 'train-create') this.trainingKey = requestKey('train-start', { after: key });
    if (type === 'train-start') key = this.trainingKey;
    const failed = this.failed.get(key);
    if (failed?.final) {
      return Promise.reject(new Error(`the engine worker stopped on this request before (${failed.reason}), ` +
        `so the page does not send it again (${type}); change a setting and try again`));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, key, type });
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
      if (message.event === 'train-progress') this.trainingRuns = Boolean(message.data?.running);
      if (message.event === 'train-stopped') this.trainingRuns = false;
      this.emit(message.event, message.data);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.ok) {
      pending.resolve(message.result);
      return;
    }
    const error = new Error(message.error);
    if (message.settings) error.settings = message.settings;
    if (message.code) error.code = message.code;
    if (message.fatal) this.blamed = { key: pending.key, type: pending.type, fatal: true };
    pending.reject(error);
  }
}
