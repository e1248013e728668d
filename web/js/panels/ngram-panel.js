// The n-gram panel: validation perplexity for n = 1..6 (bars, the chosen n highlighted), the chosen
// model's numbers, the next-token distribution after a context, and seeded samples.
import { BarChart } from '../charts/bar-chart.js';
import { formatProbability } from '../charts/svg.js';
import { pplSummary, nextTokenSummary } from '../charts/summaries.js';

export class NgramPanel {
  /** @param {HTMLElement} root @param {{onSample: () => void}} actions */
  constructor(root, actions) {
    this.root = root;
    this.q = (selector) => root.querySelector(selector);
    this.perplexities = new BarChart(this.q('#ngram-ppl-chart'), { width: 460, height: 220, xLabel: 'n',
      yLabel: 'validation perplexity', label: 'validation perplexity by n-gram order', describe: pplSummary,
      labelHeader: 'n', valueHeader: 'validation perplexity' });
    this.next = new BarChart(this.q('#ngram-next-chart'), { orientation: 'horizontal', width: 460,
      format: formatProbability, label: 'next-token distribution', describe: nextTokenSummary,
      labelHeader: 'next token', valueHeader: 'probability' });
    this.q('#ngram-sample').addEventListener('click', () => actions.onSample());
  }

  setBusy(message) { this.q('.busy').textContent = message || ''; }

  showError(message) {
    const box = this.q('#ngram-error');
    box.textContent = message;
    box.hidden = !message;
  }

  /** @param {{n: number, perplexity: number | null}[]} rows @param {number} chosen */
  showPerplexities(rows, chosen) {
    this.perplexities.set(rows.map((r) => ({ label: String(r.n), value: r.perplexity, highlight: r.n === chosen,
      // null: infinite (an unsmoothed model met an event it never saw); the bar is left out.
      // noPerplexity: stupid backoff, whose scores are not probabilities.
      title: `${r.n}-gram: perplexity ${Number.isFinite(r.perplexity) ? r.perplexity.toFixed(3)
        : r.noPerplexity ? 'none (scores, not probabilities)' : 'infinite (an unseen event)'}` })));
  }

  /**
   * The field: each smoothing's best order and its validation perplexity, the overall best marked, the
   * chosen smoothing named as such (with the panel's settings; the others at their defaults).
   * @param {Map<string, {n: number, perplexity: number|null}[]>} rows
   * @param {{smoothing: string, n: number, perplexity: number} | undefined} best
   * @param {string} chosen
   */
  showField(rows, best, chosen) {
    const body = this.q('#ngram-field tbody');
    const doc = this.root.ownerDocument;
    const cell = (tag, text) => Object.assign(doc.createElement(tag), { textContent: text });
    body.replaceChildren(...[...rows].map(([smoothing, orders]) => {
      const finite = orders.filter((r) => Number.isFinite(r.perplexity));
      const own = finite.reduce((a, b) => (b.perplexity < a.perplexity ? b : a), finite[0]);
      const row = doc.createElement('tr');
      const name = cell('th', smoothing === chosen ? `${smoothing} (chosen)` : smoothing);
      name.scope = 'row';
      row.append(name, cell('td', own ? String(own.n) : '—'),
        cell('td', own ? own.perplexity.toFixed(3) : orders.some((r) => r.noPerplexity) ? 'none (scores)' : 'infinite'));
      row.dataset.smoothing = smoothing;
      if (best && best.smoothing === smoothing) {
        row.className = 'best';
        row.lastChild.textContent += ' (best)';
      }
      return row;
    }));
    this.q('#ngram-field').hidden = false;
  }

  /** The chosen model's evaluate() result. */
  showModel(n, evaluation) {
    this.q('#ngram-n').textContent = String(n);
    this.q('#ngram-ppl').textContent = Number.isFinite(evaluation.perplexity) ? evaluation.perplexity.toFixed(3) : '—';
    const bits = evaluation.crossEntropyBits;
    this.q('#ngram-detail').textContent = Number.isFinite(bits)
      ? `(${bits.toFixed(3)} bits/token over ${evaluation.scored?.toLocaleString('en')} tokens, ` +
        `${evaluation.ngramTypes?.toLocaleString('en')} n-gram types)` : '';
  }

  /** @param {{token: string, p: number}[]} list */
  showNext(list) {
    this.next.set(list.map((e) => ({ label: e.token === ' ' ? '␣' : e.token, value: e.p })));
  }

  /**
   * The context as the engine read it and the sampled continuation, decoded by the engine (the
   * continuation alone is kept in data-continuation).
   * @param {{text: string, generated: string}} sample
   */
  showSample(sample) {
    const out = this.q('#ngram-sample-output');
    out.textContent = sample.text;
    out.dataset.continuation = sample.generated;
  }
}
