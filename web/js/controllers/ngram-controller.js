// The n-gram panel's controller: perplexity by order, the chosen model with its next-token distribution
// and seeded samples, rebuilt as the n-gram settings change. It talks to the engine client only; the
// chosen model's validation perplexity and that of every order go out through a hook (the training chart
// draws the chosen one and the best as lines).
import { optionsOf, sampleOptions } from '../state.js';
import { NgramPanel } from '../panels/ngram-panel.js';
import { Controls } from '../panels/controls.js';

/** The settings that change only the sample. */
const SAMPLE_SETTINGS = ['sampleLen', 'sampleTemp', 'sampleSeed'];

export class NgramController {
  /**
   * @param {HTMLElement} root  the n-gram panel
   * @param {import('../engine-client.js').EngineClient} engine
   * @param {import('../settings.js').Settings} settings
   * @param {{onReference: (label: string, perplexity: number, orders: {n: number, perplexity: number}[]) => void}} hooks
   *   orders: the validation perplexity of every order (the best of them is a reference too)
   */
  constructor(root, engine, settings, hooks) {
    this.engine = engine;
    this.settings = settings;
    this.hooks = hooks;
    /** Raised by every refresh: answers to an older one are dropped. */
    this.ticket = 0;
    /** The last perplexity-by-order rows (kept when only n changes). */
    this.orders = [];
    this.panel = new NgramPanel(root, { onSample: () => this.sample() });
    this.controls = new Controls(root, settings);
  }

  /** Recomputes the perplexity bars (when `orders`), the chosen model, its next-token bars and a sample. */
  async refresh({ orders = false } = {}) {
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
      this.hooks.onReference(`${state.n}-gram val`, evaluation.perplexity, this.orders);
      await this.nextTokens();
      await this.sample();
    } catch (error) {
      if (ticket === this.ticket) this.panel.showError(error.message);
    } finally {
      if (ticket === this.ticket) this.panel.setBusy('');
    }
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
