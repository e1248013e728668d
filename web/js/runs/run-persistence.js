// Keeps the current run in the browser's storage (run-store.js) with its trainer's checkpoint, so that a
// reload can resume it: the controller calls persist() when training stops, while it trains (when due()),
// when the page is hidden and before a new trainer or a loaded checkpoint replaces the run; persistNow()
// when the page is hidden or left (persist() needs the worker's answer, which a page being unloaded never
// gets: a reload right after a pause, or while training, lost the run's last points); keep() stores a
// run with checkpoint bytes it has already (a model saved to a file, a checkpoint loaded). Knows the engine
// client (for the checkpoint) and the run history, not the DOM: the controller shows store.problem.
import { hasPoints } from './run.js';

/** While training, the run is stored this often (and whenever training stops). */
export const STORE_EVERY_MS = 15000;

export class RunPersistence {
  /**
   * @param {{request: (type: string, payload?: object) => Promise<any>}} engine  the engine client
   * @param {import('./run-store.js').RunStore} store
   * @param {import('./run-history.js').RunHistory} history  whose current run is the one stored
   * @param {() => {id: number, exists: boolean}} trainer  the worker's current trainer: its id (a replaced
   *   one's checkpoint is not the run's) and whether one exists (a checkpoint can be asked for)
   */
  constructor(engine, store, history, trainer) {
    this.engine = engine;
    this.store = store;
    this.history = history;
    this.trainer = trainer;
    this.lastStored = 0;   // performance.now() of the last store: the page's start, at first
  }

  /** Whether STORE_EVERY_MS have passed since the run was last stored. */
  due(now = performance.now()) {
    return now - this.lastStored > STORE_EVERY_MS;
  }

  /**
   * Stores the current run with the trainer's checkpoint (the curve alone when the trainer is gone, or was
   * replaced or the run ended while the checkpoint was on its way: those bytes are another run's).
   * @returns {Promise<boolean>} whether a run was stored (false: nothing trained yet)
   */
  async persist() {
    const run = this.history.current;
    if (!run || !hasPoints(run)) return false;
    this.lastStored = performance.now();
    const { id, exists } = this.trainer();
    let checkpoint = null;
    if (exists) {
      try {
        const { bytes } = await this.engine.request('train-save');
        if (id === this.trainer().id && run === this.history.current) checkpoint = bytes;
      } catch {
        // Stored without a checkpoint: the curve is still worth keeping.
      }
    }
    if (checkpoint) run.checkpoint = checkpoint;
    await this.store.put(run);
    return true;
  }

  /**
   * Stores the current run at once, with the checkpoint of its last persist() if any, without asking the
   * worker: for a page that is being left (a reload, a closed tab), which does not live to receive a
   * checkpoint, so that the curve trained since the last store is not lost. Resuming it loads that older
   * checkpoint, whose own curve the run then continues (checkpoint-adoption.js).
   * @returns {boolean} whether a run was sent to storage
   */
  persistNow() {
    const run = this.history.current;
    if (!run || !hasPoints(run)) return false;
    return this.store.putNow(run);
  }

  /**
   * Stores `run`, with `checkpoint` when given (bytes the page has already: a model saved to a file).
   * @param {import('./run.js').Run} run
   * @param {Uint8Array|null} [checkpoint]
   */
  async keep(run, checkpoint = null) {
    if (checkpoint) run.checkpoint = checkpoint;
    await this.store.put(run);
  }
}
