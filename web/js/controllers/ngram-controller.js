// The n-gram panel's controller: perplexity by order for every smoothing (the field), the chosen model with
// its next-token distribution and seeded samples, rebuilt as the n-gram settings change. It talks to the
// engine client only; the n-gram reference lines of the network's chart (the chosen model and the best of
// the field, web/js/ngram-field.js) go out through a hook.
import { optionsOf, sampleOptions } from '../state.js';
import { NgramPanel } from '../panels/ngram-panel.js';
import { Controls } from '../panels/controls.js';
import { fieldBest, referenceLines } from '../ngram-field.js';

/** The settings that change only the sample. */
const SAMPLE_SETTINGS = ['sampleLen', 'sampleTemp', 'sampleSeed'];

export class NgramController {
  /**
   * @param {HTMLElement} root  the n-gram panel
   * @param {import('../engine-client.js').EngineClient} engine
   * @param {import('../settings.js').Settings} settings
   * @param {{onReference: (lines: {y: number, text: string, kind: string}[]) => void}} hooks
   *   lines: the n-gram reference lines of the network's chart (ngram-field.js referenceLines)
   */
  constructor(root, engine, settings, hooks) {
    this.root = root;
    this.engine = engine;
    this.settings = settings;
    this.hooks = hooks;
    /** Raised by every refresh: answers to an older one are dropped. */
    this.ticket = 0;
    /** The last perplexity-by-order rows of the chosen smoothing and settings (kept when only n changes). */
    this.orders = [];
    /**
     * The field: smoothing -> its perplexity-by-order rows at its default settings, for this corpus; filled
     * one smoothing at a time (the chart shows each as it comes), complete when `fieldComplete`.
     */
    this.field = new Map();
    this.fieldComplete = false;
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
      this.fieldComplete = false;
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
      this.panel.showModel(state.n, evaluation);
      this.evaluation = evaluation;
      this.showField();
      await this.nextTokens();
      await this.sample();
      // What the panel shows now, all of it (chart, numbers, next tokens, sample): tests wait for it.
      if (ticket === this.ticket) this.root.dataset.model = `${state.smoothing}, n = ${state.n}`;
      if (corpus) await this.refreshField();
    } catch (error) {
      if (ticket === this.ticket) this.panel.showError(error.message);
    } finally {
      if (ticket === this.ticket) this.panel.setBusy('');
    }
  }

  /**
   * Every smoothing's perplexity by order at its default settings, after the page's own requests, so the
   * first trained step does not wait for it. One request per smoothing: the worker runs the network's
   * training slices between them, and none holds the worker long (panel data-field-ms: the whole field's
   * time as the page waited for it, training included).
   */
  async refreshField() {
    const ticket = this.fieldTicket;
    const maxN = this.settings.props.byName.get('n').max;
    const started = performance.now();
    for (const smoothing of this.settings.props.byName.get('smoothing').choices) {
      const rows = await this.engine.request('ngram-perplexities', { maxN, smoothing }).catch(() => []);
      if (ticket !== this.fieldTicket) return;
      this.field.set(smoothing, rows);
      this.showField();
    }
    this.fieldComplete = true;
    this.root.dataset.fieldMs = String(Math.round(performance.now() - started));
    this.showField();
  }

  /**
   * The field (the chosen smoothing with the chosen settings, k or ε, in place of its defaults) as bar groups
   * and as each smoothing's best order; the reference lines on the network's chart: the chosen model's and,
   * once every smoothing is in, the field's best.
   */
  showField() {
    const state = this.settings.state;
    if (!this.evaluation) return;
    // In the schema's order of the smoothings (Laplace, the book's, first), whichever came in first.
    const rows = new Map();
    for (const smoothing of this.settings.props.byName.get('smoothing').choices) {
      const own = smoothing === state.smoothing && this.orders.length ? this.orders : this.field.get(smoothing);
      if (own) rows.set(smoothing, own);
    }
    const best = this.fieldComplete ? fieldBest(rows) : undefined;
    this.panel.showPerplexities(rows, { smoothing: state.smoothing, n: state.n });
    if (this.fieldComplete) this.panel.showField(rows, best, state.smoothing);
    this.root.dataset.fieldComplete = String(this.fieldComplete);
    this.hooks.onReference(referenceLines({ smoothing: state.smoothing, n: state.n, perplexity: this.evaluation.perplexity }, best));
  }

  async nextTokens() {
    try {
      const list = await this.engine.request('ngram-next', { context: this.settings.state.context, topK: 10 });
      this.panel.showNext(list, Boolean(this.evaluation?.noPerplexity));
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
