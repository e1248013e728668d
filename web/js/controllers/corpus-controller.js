// The corpus panel's controller: loads a text (the default one, pasted text, a local file) with the
// current corpus settings, shows its summary and statistics, and remembers the source of the corpus that
// is loaded (sent again after a corpus setting changes or the worker restarts). It talks to the engine
// client only; what stands on the corpus (the trainer, the n-gram model) is rebuilt through the hooks.
import { optionsOf } from '../state.js';
import { MAX_TEXT_CHARS } from '../protocol.js';
import { CorpusPanel } from '../panels/corpus-panel.js';
import { Controls } from '../panels/controls.js';

/**
 * @typedef {{source: 'url', url: string, name: string} | {source: 'text', text: string, name: string}
 *         | {source: 'bytes', bytes: ArrayBuffer, name: string}} Source
 */

export class CorpusController {
  /**
   * @param {HTMLElement} root  the corpus panel
   * @param {import('../engine-client.js').EngineClient} engine
   * @param {import('../settings.js').Settings} settings
   * @param {Source} initial  the text the page starts with (and the "default" button's)
   * @param {{loaded: (how: {quiet: boolean, summary: import('../protocol.js').CorpusSummary}) => Promise<void>,
   *          statsShown: () => Promise<void>}} hooks
   *   loaded: a new corpus is in the worker (awaited before the statistics are asked for);
   *   statsShown: its statistics are on the page
   */
  constructor(root, engine, settings, initial, hooks) {
    this.engine = engine;
    this.settings = settings;
    this.hooks = hooks;
    /** The source of the corpus in the worker; replaced only once a load succeeded. */
    this.source = initial;
    /** Raised by every load: answers to an older one are dropped. */
    this.ticket = 0;
    this.panel = new CorpusPanel(root, {
      onDefault: () => this.load(initial),
      onText: (text, name) => this.load({ source: 'text', text, name }),
      onFile: (file) => this.loadFile(file),
    });
    this.controls = new Controls(root, settings);
    /** The engine refused a text after freeing the old corpus (the failed load then loads it again). */
    this.lost = false;
    engine.on('corpus-lost', () => { this.lost = true; });
  }

  /**
   * Loads a corpus; on failure the message is shown and the previous corpus (and its models) stay.
   * @param {Source} next
   * @param {{quiet?: boolean, keepMessage?: boolean}} [how]  quiet: a settings change, not a page start (no
   *   autostart); keepMessage: the error shown stays
   */
  async load(next, { quiet = false, keepMessage = false } = {}) {
    const ticket = ++this.ticket;
    this.panel.setBusy(`tokenizing ${next.name}…`);
    const payload = { ...next, options: optionsOf(this.settings.props, this.settings.state, 'corpus') };
    const transfer = [];
    if (next.source === 'bytes') {
      payload.bytes = next.bytes.slice(0);   // keep our copy for a worker restart
      transfer.push(payload.bytes);
    }
    try {
      const summary = await this.engine.request('corpus-load', payload, transfer);
      if (ticket !== this.ticket) return;
      this.source = next;
      performance.mark('seqlab:corpus-loaded');
      if (!keepMessage) this.panel.showError('');
      this.panel.showSummary(summary);
      await this.hooks.loaded({ quiet, summary });
      this.panel.setBusy('computing statistics…');
      // Zipf's line is fitted on ranks 10..1000 for words (as D2L); characters have few ranks, so from 1.
      const zipfRanks = this.settings.state.level === 'char' ? [1, 100] : [10, 1000];
      // Unigrams to trigrams: the tables and the Zipf plot show three orders.
      const stats = await this.engine.request('corpus-stats', { top: 10, zipfRanks, maxN: 3 });
      if (ticket !== this.ticket) return;
      this.panel.showStats(stats);
      this.panel.setBusy('');
      await this.hooks.statsShown();
    } catch (error) {
      const lost = this.lost;
      this.lost = false;
      if (ticket !== this.ticket) return;   // a newer load replaces the corpus anyway
      this.panel.setBusy('');
      this.panel.showError(error.message);
      // The previous text again, and everything on it; the message stays shown.
      if (lost) await this.load(this.source, { quiet: true, keepMessage: true });
    }
  }

  /** @param {File} file */
  async loadFile(file) {
    // Refused by its size before a byte is read: a UTF-8 character takes at most 4 bytes.
    if (file.size > MAX_TEXT_CHARS * 4) {
      this.panel.showError(`${file.name} is ${(file.size / 2 ** 20).toFixed(0)} MB, more than the ` +
        `${MAX_TEXT_CHARS * 4 / 2 ** 20} MB this page accepts (texts of up to ` +
        `${(MAX_TEXT_CHARS / 2 ** 20).toFixed(0)} M characters); the previous corpus stays loaded`);
      return;
    }
    this.panel.setBusy(`reading ${file.name}…`);
    const bytes = await file.arrayBuffer();
    await this.load({ source: 'bytes', bytes, name: file.name });
  }

  /**
   * A corpus setting changed (the validation split too): the same text is loaded again, and everything on
   * it rebuilt.
   * @param {string[]} changed  names of the settings that changed
   * @returns {boolean} whether a new corpus is on its way (so nothing else needs a rebuild)
   */
  settingsChanged(changed) {
    if (!changed.some((name) => this.settings.props.byName.get(name).group === 'corpus')) return false;
    this.load(this.source, { quiet: true });
    return true;
  }
}
