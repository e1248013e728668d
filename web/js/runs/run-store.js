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
    /** The open database once open() resolved (putNow needs it at once), else null. */
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
        this.db = await promised(request);
        return this.db;
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
   * The write is a transaction of its own, committed as it is sent; the trim reads in another and deletes in
   * a third. A write transaction that waited for the page to read the store back and decide (as this once
   * did) was aborted when the page was unloaded meanwhile, a reload just after a pause, and the run was lost
   * with the writes queued behind it (putNow's, as the page was left).
   * @param {import('./run.js').Run} run
   */
  async put(run) {
    const db = await this.open();
    if (!db) return false;
    try {
      await done(this.write(db, run));
    } catch (error) {
      this.problem = `could not store the run (${error?.message || error})`;
      return false;
    }
    await this.trim(db, run.id);
    return true;
  }

  /**
   * Writes (or replaces) a run within the calling task, for a page that is being left: the put and the commit
   * are sent before this returns, so the write does not depend on the page running again. No trimming here:
   * the next put() trims.
   * @param {import('./run.js').Run} run
   * @returns {boolean} whether the write was sent (false: storage not open, or it refused)
   */
  putNow(run) {
    if (!this.db) return false;
    try {
      done(this.write(this.db, run)).catch((error) => { this.problem = `could not store the run (${error?.message || error})`; });
      return true;
    } catch (error) {
      this.problem = `could not store the run (${error?.message || error})`;
      return false;
    }
  }

  /** A transaction that puts `run` and is committed at once (it needs nothing more of the page). */
  write(db, run) {
    const transaction = db.transaction(STORE, 'readwrite');
    transaction.objectStore(STORE).put(run);
    transaction.commit?.();
    return transaction;
  }

  /**
   * At most MAX_RUNS runs, checkpoints only in the newest CHECKPOINTS_KEPT (never taken from `keepId`'s).
   * Reads, then deletes in a transaction committed as it is sent. Failing only leaves more than needed stored.
   */
  async trim(db, keepId) {
    try {
      const reading = db.transaction(STORE, 'readonly');
      const all = promised(reading.objectStore(STORE).getAll());
      reading.commit?.();
      const runs = (await all).sort((a, b) => b.updated - a.updated);
      const removed = runs.filter((r, i) => i >= MAX_RUNS);
      const stripped = runs.filter((r, i) => i < MAX_RUNS && i >= CHECKPOINTS_KEPT && r.checkpoint && r.id !== keepId);
      if (!removed.length && !stripped.length) return;
      const transaction = db.transaction(STORE, 'readwrite');
      const store = transaction.objectStore(STORE);
      for (const r of removed) store.delete(r.id);
      for (const r of stripped) store.put({ ...r, checkpoint: null });
      transaction.commit?.();
      await done(transaction);
    } catch (error) {
      this.problem = `could not trim the stored runs (${error?.message || error})`;
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
