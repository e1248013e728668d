// The runs kept in the browser's IndexedDB, so that a reload loses neither the last run (its curve,
// settings and checkpoint: it can be resumed) nor the earlier runs on the comparison chart. One object
// store of Run records (web/js/runs/run.js) keyed by id. Storage may be unavailable (private windows,
// blocked by the user): every method then resolves quietly and the page works without it.

const DB_NAME = 'seqlab';
const DB_VERSION = 1;
const STORE = 'runs';
/** Runs kept at most (the oldest go first). */
export const MAX_RUNS = 8;
/** Runs that keep their checkpoint bytes (the newest): the others keep their curve only, to save space. */
export const CHECKPOINTS_KEPT = 2;

function promised(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error || new Error('IndexedDB transaction aborted'));
  });
}

export class RunStore {
  /** @param {IDBFactory|undefined} factory */
  constructor(factory = globalThis.indexedDB) {
    this.db = null;
    this.opening = null;
    this.factory = factory;
    /** Why storage does not work (shown once by the page), or ''. */
    this.problem = factory ? '' : 'this browser has no IndexedDB';
  }

  /** @returns {Promise<IDBDatabase|null>} */
  open() {
    if (!this.opening) {
      this.opening = (async () => {
        if (!this.factory) return null;
        const request = this.factory.open(DB_NAME, DB_VERSION);
        request.onupgradeneeded = () => {
          if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: 'id' });
        };
        return promised(request);
      })().catch((error) => {
        this.problem = `the browser's storage is not available (${error?.message || error})`;
        return null;
      });
    }
    return this.opening;
  }

  /** Every kept run, oldest first. @returns {Promise<import('./run.js').Run[]>} */
  async all() {
    const db = await this.open();
    if (!db) return [];
    try {
      const runs = await promised(db.transaction(STORE, 'readonly').objectStore(STORE).getAll());
      return runs.sort((a, b) => a.updated - b.updated);
    } catch (error) {
      this.problem = `could not read the stored runs (${error?.message || error})`;
      return [];
    }
  }

  /**
   * Writes (or replaces) a run, then trims: at most MAX_RUNS runs, checkpoints only in the newest
   * CHECKPOINTS_KEPT. Resolves false when storage failed (e.g. over quota).
   * @param {import('./run.js').Run} run
   */
  async put(run) {
    const db = await this.open();
    if (!db) return false;
    try {
      const transaction = db.transaction(STORE, 'readwrite');
      const store = transaction.objectStore(STORE);
      store.put(run);
      const runs = (await promised(store.getAll())).sort((a, b) => b.updated - a.updated);
      for (const [i, stored] of runs.entries()) {
        if (i >= MAX_RUNS) store.delete(stored.id);
        else if (i >= CHECKPOINTS_KEPT && stored.checkpoint && stored.id !== run.id) store.put({ ...stored, checkpoint: null });
      }
      await done(transaction);
      return true;
    } catch (error) {
      this.problem = `could not store the run (${error?.message || error})`;
      return false;
    }
  }

  /** Deletes every run except those whose ids are given. */
  async clear(keepIds = []) {
    const db = await this.open();
    if (!db) return;
    try {
      const transaction = db.transaction(STORE, 'readwrite');
      const store = transaction.objectStore(STORE);
      for (const id of await promised(store.getAllKeys())) {
        if (!keepIds.includes(id)) store.delete(id);
      }
      await done(transaction);
    } catch (error) {
      this.problem = `could not clear the stored runs (${error?.message || error})`;
    }
  }
}
