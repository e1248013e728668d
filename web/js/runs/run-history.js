// The runs of this page: the current one and the earlier ones drawn faint under it until cleared, kept in
// the browser's storage (run-store.js; run-persistence.js stores them) so that a reload brings them back, the
// last one with its checkpoint.
// Knows nothing of the DOM or the engine: the controller feeds it runs and draws what labels() says.
import { runLabels } from './compare.js';
import { hasPoints } from './run.js';

/** Earlier runs on the chart at most (the oldest leave first). */
export const MAX_EARLIER = 7;

export class RunHistory {
  /**
   * @param {import('./run-store.js').RunStore} store
   * @param {string[]} names  the settings runs are told apart by, in the page's order
   */
  constructor(store, names) {
    this.store = store;
    this.names = names;
    /** @type {import('./run.js').Run|null} */
    this.current = null;
    /** @type {import('./run.js').Run[]} oldest first */
    this.earlier = [];
  }

  /** Brings back the stored runs (as earlier runs, the newest last). */
  async restore() {
    const stored = await this.store.all();
    const known = new Set([this.current?.id, ...this.earlier.map((r) => r.id)]);
    this.earlier = [...stored.filter((r) => !known.has(r.id) && hasPoints(r)), ...this.earlier].slice(-MAX_EARLIER);
    return this.earlier;
  }

  /**
   * `run` becomes the current run; the one it replaces joins the earlier runs if it trained at all. A run
   * taken back from the earlier ones (a stored run resumed) leaves them.
   * @param {import('./run.js').Run} run
   */
  begin(run) {
    this.earlier = this.earlier.filter((r) => r.id !== run.id);
    if (this.current && this.current !== run && hasPoints(this.current)) this.earlier.push(this.current);
    this.earlier = this.earlier.slice(-MAX_EARLIER);
    this.current = run;
  }

  /** The newest earlier run that has a checkpoint (it can be resumed), or null. */
  restorable() {
    return [...this.earlier].reverse().find((r) => r.checkpoint) ?? null;
  }

  /**
   * The legend: each earlier run's text, and the current run's (what changed since the run before it).
   * @returns {{earlier: string[], current: string}}
   */
  labels() {
    const runs = this.current ? [...this.earlier, this.current] : this.earlier;
    const labels = runLabels(runs, this.names);
    if (!this.current) return { earlier: labels, current: 'train' };
    return { earlier: labels.slice(0, -1), current: this.earlier.length ? `train (${labels.at(-1)})` : 'train' };
  }

  /** Forgets the earlier runs, here and in storage (the current run stays). */
  async clear() {
    this.earlier = [];
    await this.store.clear(this.current ? [this.current.id] : []);
  }
}
