// The live settings of the page: the state of web/js/state.js, read from the URL once and written back to
// it (history.replaceState) on every change, so the address bar always holds a shareable configuration.
import { readQuery, writeQuery, PROP_BY_NAME } from './state.js';

export class Settings {
  constructor(location = window.location, history = window.history) {
    this.location = location;
    this.history = history;
    const { state, errors } = readQuery(location.search);
    this.state = state;
    /** Problems found in the URL (shown once; the defaults were used instead). */
    this.urlErrors = errors;
    this.listeners = [];
  }

  get(name) { return this.state[name]; }

  /** A copy of the whole state. */
  snapshot() { return { ...this.state }; }

  /** Sets validated values, rewrites the URL and tells the listeners which names changed. */
  update(values) {
    const changed = [];
    for (const [name, value] of Object.entries(values)) {
      if (!PROP_BY_NAME.has(name)) throw new Error(`unknown setting '${name}'`);
      if (this.state[name] !== value) {
        this.state[name] = value;
        changed.push(name);
      }
    }
    if (!changed.length) return;
    this.history.replaceState(null, '', `${this.location.pathname}${writeQuery(this.state)}${this.location.hash}`);
    for (const listener of this.listeners) listener(changed, this.state);
  }

  /** listener(changedNames, state) after every update. */
  onChange(listener) { this.listeners.push(listener); }
}
