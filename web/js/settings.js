// The live settings of the page: the state of web/js/state.js, read from the URL once and written back to
// it (history.replaceState) on every change, so the address bar always holds a shareable configuration.
import { readQuery, writeQuery, sameValue } from './state.js';

export class Settings {
  /**
   * @param {{list: import('./state.js').Prop[], byName: Map<string, import('./state.js').Prop>}} props
   *   from createProps(seqlab.schema())
   */
  constructor(props, location = window.location, history = window.history) {
    this.props = props;
    this.location = location;
    this.history = history;
    const { state, errors } = readQuery(props, location.search);
    this.state = state;
    /** Problems found in the URL (shown once; the defaults were used instead). */
    this.urlErrors = errors;
    this.listeners = [];
  }

  /** Sets validated values, rewrites the URL and tells the listeners which names changed. */
  update(values) {
    const changed = [];
    for (const [name, value] of Object.entries(values)) {
      const prop = this.props.byName.get(name);
      if (!prop) throw new Error(`unknown setting '${name}'`);
      if (!sameValue(prop, this.state[name], value)) {
        this.state[name] = value;
        changed.push(name);
      }
    }
    if (!changed.length) return;
    this.history.replaceState(null, '',
      `${this.location.pathname}${writeQuery(this.props, this.state, this.location.search)}${this.location.hash}`);
    for (const listener of this.listeners) listener(changed, this.state);
  }

  /** listener(changedNames, state) after every update. */
  onChange(listener) { this.listeners.push(listener); }
}
