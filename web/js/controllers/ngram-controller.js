// The n-gram panel's controller: perplexity by order, the chosen model with its next-token distribution
// and seeded samples, rebuilt as the n-gram settings change. It talks to the engine client only; the
// chosen model's validation perplexity and the best n-gram go out through a hook (the training chart draws
// both as lines). The best n-gram is the best over every order AND every smoothing the engine offers (the
// field, each smoothing at its defaults): a network that beats only the chosen smoothing (Laplace, say) has
// beaten a weak model, not the n-gram a practitioner would use.
import { optionsOf, sampleOptions } from '../state.js';
import { NgramPanel } from '../panels/ngram-panel.js';
import { Controls } from '../panels/controls.js';

/**
 * @typedef {{smoothing: string, n: number, perplexity: number}} FieldBest
 */

/**
 * The lowest finite validation perplexity over every smoothing and order.
 * @param {Map<string, {n: number, perplexity: number|null}[]>} rows  smoothing -> its rows
 * @returns {FieldBest | undefined}
 */
export function fieldBest(rows) {
  let best;
  for (const [smoothing, orders] of rows) {
    for (const { n, perplexity } of orders) {
      if (Number.isFinite(perplexity) && !(best && best.perplexity <= perplexity)) best = { smoothing, n, perplexity };
    }
  }
  return best;
}

/** The settings that change only the sample. */
const SAMPLE_SETTINGS = ['sampleLen', 'sampleTemp', 'sampleSeed'];

export class NgramController {
  /**
   * @param {HTMLElement} root  the n-gram panel
   * @param {import('../engine-client.js').EngineClient} engine
   * @param {import('../settings.js').Settings} settings
   * @param {{onReference: (label: string, perplexity: number, best?: FieldBest) => void}} hooks
   *   best: the best n-gram of the field (every smoothing, every order); undefined until it is known
   */
  constructor(root, engine, settings, hooks) {
    this.engine = engine;
    this.settings = settings;
    this.hooks = hooks;
    /** Raised by every refresh: answers to an older one are dropped. */
    this.ticket = 0;
    /** The last perplexity-by-order rows (kept when only n changes). */
    this.orders = [];
    /** The field: smoothing -> its perplexity-by-order rows at its default settings, for this corpus. */
    this.field = new Map();
    /** Raised by every new corpus: a field computed for an older one is dropped. */
    this.fieldTicket = 0;
    this.panel = new NgramPanel(root, { onSample: () => this.sample() });
    this.controls = new Controls(root, settings);
  }

  /**
   * Recomputes the perplexity bars (when `orders`), the chosen model, its next-token bars and a sample; with
   * `corpus` (a new text), the field of every smoothing too, after the rest.
   */
  async refresh({ orders = false, corpus = false } = {}) {
    if (corpus) {
      this.fieldTicket++;
      this.field = new Map();
    }
    const ticket = ++this.ticket;
    const state = this.settings.state;
    this.panel.setBusy('counting…');
    try {
      const options = optionsOf(this.settings.props, state, 'ngram');
      if (orders) {
        // The bars go up to the largest n the page offers; the engine leaves out the orders a smoothing
        // cannot do (D2L's stops at trigrams).
        const { n, ...smoothing } = options;
        const maxN = this.settings.props.byName.get('n').max;
        const rows = await this.engine.request('ngram-perplexities', { maxN, ...smoothing });
        if (ticket !== this.ticket) return;
        this.orders = rows;
      }
      const evaluation = await this.engine.request('ngram-build', options);
      if (ticket !== this.ticket) return;
      this.panel.showError('');
      this.panel.showPerplexities(this.orders, state.n);
      this.panel.showModel(state.n, evaluation);
      this.evaluation = evaluation;
      this.showReference();
      await this.nextTokens();
      await this.sample();
      if (corpus) await this.refreshField();
    } catch (error) {
      if (ticket === this.ticket) this.panel.showError(error.message);
    } finally {
      if (ticket === this.ticket) this.panel.setBusy('');
    }
  }

  /**
   * Every smoothing's perplexity by order at its default settings (a few tens of ms each in the worker, after
   * the page's own requests, so the first trained step does not wait for it).
   */
  async refreshField() {
    const ticket = this.fieldTicket;
    const maxN = this.settings.props.byName.get('n').max;
    const field = new Map();
    for (const smoothing of this.settings.props.byName.get('smoothing').choices) {
      const rows = await this.engine.request('ngram-perplexities', { maxN, smoothing }).catch(() => []);
      if (ticket !== this.fieldTicket) return;
      field.set(smoothing, rows);
    }
    this.field = field;
    this.showReference();
  }

  /** The chosen model's line and the field's best, on the training chart and in the panel's table. */
  showReference() {
    const state = this.settings.state;
    if (!this.evaluation) return;
    // The chosen smoothing with the chosen settings (k, ε) stands in the field for its default settings.
    const rows = new Map(this.field);
    if (this.orders.length) rows.set(state.smoothing, this.orders);
    const best = fieldBest(rows);
    if (this.field.size) this.panel.showField(rows, best, state.smoothing);
    this.hooks.onReference(`${state.n}-gram val`, this.evaluation.perplexity, this.field.size ? best : undefined);
  }

  async nextTokens() {
    try {
      this.panel.showNext(await this.engine.request('ngram-next', { context: this.settings.state.context, topK: 10 }));
      this.panel.showError('');
    } catch (error) {
      this.panel.showError(error.message);
    }
  }

  async sample() {
    try {
      this.panel.showSample(await this.engine.request('ngram-sample', sampleOptions(this.settings.state)));
    } catch (error) {
      this.panel.showError(error.message);
    }
  }

  /** Redoes only what the changed settings affect. @param {string[]} changed */
  settingsChanged(changed) {
    const has = (name) => changed.includes(name);
    if (has('smoothing') || has('k') || has('eps')) {
      this.refresh({ orders: true });
    } else if (has('n')) {
      this.refresh();
    } else if (has('context')) {
      this.nextTokens();
    } else if (changed.some((name) => SAMPLE_SETTINGS.includes(name))) {
      this.sample();
    }
  }
}
