// The corpus panel: where the text comes from (The Time Machine, pasted text, a local file by the file
// input or drag and drop), the counts, the top n-gram tables and the Zipf plot. It only shows what it is
// given and reports what the user asks for; its controller (controllers/corpus-controller.js) talks to
// the engine.
import { LogLogChart } from '../charts/loglog-chart.js';

const NAMES = { 1: 'unigrams', 2: 'bigrams', 3: 'trigrams' };

/** A token as it reads in a table: spaces made visible. */
function showToken(token) {
  return token === ' ' ? '␣' : token.replace(/ /g, '␣');
}

export class CorpusPanel {
  /**
   * @param {HTMLElement} root
   * @param {{onDefault: () => void, onText: (text: string, name: string) => void,
   *          onFile: (file: File) => void}} actions
   */
  constructor(root, actions) {
    this.root = root;
    this.q = (selector) => root.querySelector(selector);
    this.zipf = new LogLogChart(this.q('#zipf-chart'), { width: 620, height: 270 });
    this.q('#corpus-default').addEventListener('click', () => actions.onDefault());
    this.q('#corpus-paste-toggle').addEventListener('click', () => {
      const box = this.q('#corpus-paste');
      box.hidden = !box.hidden;
      if (!box.hidden) this.q('#corpus-text').focus();
    });
    this.q('#corpus-use-text').addEventListener('click', () => actions.onText(this.q('#corpus-text').value, 'pasted text'));
    const fileInput = this.q('#corpus-file');
    fileInput.addEventListener('change', () => {
      if (fileInput.files.length) actions.onFile(fileInput.files[0]);
      fileInput.value = '';
    });
    root.addEventListener('dragover', (event) => {
      event.preventDefault();
      root.classList.add('drop-target');
    });
    root.addEventListener('dragleave', () => root.classList.remove('drop-target'));
    root.addEventListener('drop', (event) => {
      event.preventDefault();
      root.classList.remove('drop-target');
      const file = event.dataTransfer?.files?.[0];
      if (file) actions.onFile(file);
    });
  }

  setBusy(message) {
    this.root.dataset.busy = message ? 'true' : 'false';
    this.q('.busy').textContent = message || '';
  }

  showError(message) {
    const box = this.q('#corpus-error');
    box.textContent = message;
    box.hidden = !message;
  }

  /** @param {import('../protocol.js').CorpusSummary} summary */
  showSummary(summary) {
    this.q('#corpus-name').textContent = summary.name;
    this.q('#corpus-tokens').textContent = summary.tokens.toLocaleString('en');
    this.q('#corpus-vocab').textContent = summary.vocabSize.toLocaleString('en');
    this.q('#corpus-time').textContent =
      `(${summary.characters.toLocaleString('en')} characters, tokenized in ${Math.round(summary.loadMs)} ms)`;
    this.root.dataset.tokens = String(summary.tokens);
    this.root.dataset.vocab = String(summary.vocabSize);
  }

  /**
   * The engine's stats object (see engine/stats/corpus_stats.h). The lists and the Zipf plot count the raw
   * tokens (as D2L does); the tokens below min_freq, which the models see as <unk>, are reported apart.
   */
  showStats(stats) {
    const unk = this.q('#corpus-unk');
    unk.hidden = !(stats.unk?.tokens > 0);
    unk.dataset.tokens = String(stats.unk?.tokens ?? 0);
    if (!unk.hidden) {
      unk.textContent = `· <unk> for the models: ${stats.unk.tokens.toLocaleString('en')} tokens ` +
        `(${(100 * stats.unk.share).toFixed(1)}%) of ${stats.unk.types.toLocaleString('en')} types below ` +
        `min_freq ${stats.minFreq}; the tables and the Zipf plot count them as themselves`;
    }
    this.fillTable('#corpus-top', stats.top.map(([token, count]) => [showToken(token), count]));
    this.fillTable('#corpus-bigrams', stats.bigrams.map(([tokens, count]) => [tokens.map(showToken).join(' · '), count]));
    this.fillTable('#corpus-trigrams', stats.trigrams.map(([tokens, count]) => [tokens.map(showToken).join(' · '), count]));
    const series = [];
    for (const n of [1, 2, 3]) {
      const rf = stats.rankFrequency?.[n];
      if (!rf) continue;
      series.push({ name: NAMES[n], ranks: rf.ranks, counts: rf.counts, fit: stats.zipf?.[n] });
    }
    this.zipf.set(series);
  }

  fillTable(selector, rows) {
    const body = this.q(`${selector} tbody`);
    body.replaceChildren(...rows.slice(0, 10).map(([label, count]) => {
      const tr = document.createElement('tr');
      const a = document.createElement('td');
      a.textContent = label;
      const b = document.createElement('td');
      b.textContent = count.toLocaleString('en');
      tr.append(a, b);
      return tr;
    }));
  }
}
