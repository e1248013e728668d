// The n-gram panel: validation perplexity by n, one bar group per smoothing (the chosen smoothing's group and
// order marked), each smoothing's best order in a table, the chosen model's numbers, the next-token
// distribution after a context, and seeded samples.
import { BarChart } from '../charts/bar-chart.js';
import { GroupedBarChart } from '../charts/grouped-bar-chart.js';
import { formatProbability } from '../charts/svg.js';
import { fieldSummary, nextTokenSummary } from '../charts/summaries.js';
import { smoothingName, givesScores } from '../ngram-field.js';

/** A perplexity in the field's chart and tables: three decimals. */
const formatPerplexity = (v) => v.toFixed(3);

export class NgramPanel {
  /** @param {HTMLElement} root @param {{onSample: () => void}} actions */
  constructor(root, actions) {
    this.root = root;
    this.q = (selector) => root.querySelector(selector);
    /** What the field's chart leaves out, and why (its text alternative says it). */
    this.leftOut = '';
    this.perplexities = new GroupedBarChart(this.q('#ngram-ppl-chart'), { width: 460,
      label: 'validation perplexity by n-gram order, one group per smoothing',
      valueName: 'validation perplexity, lower is better',
      barLabel: (n) => `n = ${n}`, format: formatPerplexity, groupHeader: 'smoothing', columnHeader: (n) => `n = ${n}`,
      describe: (groups) => fieldSummary(groups, formatPerplexity, this.leftOut) });
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

  /**
   * The field as bar groups: one per smoothing that gives a perplexity, in the field's order; an infinite
   * perplexity (an unsmoothed model met events it never saw) is written as such with their count, in place
   * of its bar. Stupid backoff gives scores, not probabilities: it has no group, and the text alternative
   * says so.
   * @param {Map<string, import('../ngram-field.js').OrderRow[]>} field  smoothing -> its rows
   * @param {{smoothing: string, n: number}} chosen
   */
  showPerplexities(field, chosen) {
    const scores = [...field].filter(([, rows]) => givesScores(rows)).map(([smoothing]) => smoothingName(smoothing));
    this.leftOut = scores.length ? `not drawn: ${scores.join(', ')} (scores, not probabilities: no perplexity)` : '';
    const groups = [...field].filter(([, rows]) => rows.length && !givesScores(rows)).map(([smoothing, rows]) => {
      const name = smoothingName(smoothing);
      const isChosen = smoothing === chosen.smoothing;
      return { key: smoothing, label: name, highlight: isChosen, bars: rows.map((r) => {
        const finite = Number.isFinite(r.perplexity);
        // null with no unseen event: nothing was scored (no validation token).
        const text = finite ? undefined : r.unseen ? `∞ (${r.unseen.toLocaleString('en')} unseen)` : 'none (nothing scored)';
        return { label: String(r.n), value: finite ? r.perplexity : null, text, highlight: isChosen && r.n === chosen.n,
          title: finite ? `${name}, n = ${r.n}: ${formatPerplexity(r.perplexity)}` : undefined };
      }) };
    });
    this.perplexities.set(groups);
  }

  /**
   * The field: each smoothing's best order and its validation perplexity, the overall best marked, the
   * chosen smoothing named as such (with the panel's settings; the others at their defaults).
   * @param {Map<string, import('../ngram-field.js').OrderRow[]>} rows
   * @param {import('../ngram-field.js').FieldBest | undefined} best
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
      const name = cell('th', smoothing === chosen ? `${smoothingName(smoothing)} (chosen)` : smoothingName(smoothing));
      name.scope = 'row';
      row.append(name, cell('td', own ? String(own.n) : '—'),
        cell('td', own ? formatPerplexity(own.perplexity) : givesScores(orders) ? 'none (scores)' : '∞'));
      row.dataset.smoothing = smoothing;
      if (best && best.smoothing === smoothing) {
        row.className = 'best';
        row.lastChild.textContent += ' (best)';
      }
      return row;
    }));
    this.q('#ngram-field').hidden = false;
  }

  /**
   * The chosen model's evaluate() result: its perplexity, "∞" with the count of validation tokens it gives
   * probability 0, or "—" with the engine's reason when it has none (scores, not probabilities).
   */
  showModel(n, evaluation) {
    this.q('#ngram-n').textContent = String(n);
    const finite = Number.isFinite(evaluation.perplexity);
    this.q('#ngram-ppl').textContent = finite ? formatPerplexity(evaluation.perplexity)
      : evaluation.noPerplexity || !evaluation.unseen ? '—' : '∞';
    const bits = evaluation.crossEntropyBits;
    const count = (v) => (v ?? 0).toLocaleString('en');
    this.q('#ngram-detail').textContent = finite && Number.isFinite(bits)
      ? `(${bits.toFixed(3)} bits/token over ${count(evaluation.scored)} tokens, ${count(evaluation.ngramTypes)} n-gram types)`
      : evaluation.noPerplexity ? `(${evaluation.noPerplexity})`
        : evaluation.unseen ? `(${count(evaluation.unseen)} of ${count(evaluation.scored)} validation tokens have probability 0)` : '';
  }

  /**
   * @param {{token: string, p: number}[]} list
   * @param {boolean} scores  the model gives scores, not probabilities (stupid backoff): the values are its
   *   scores normalised over the vocabulary, and the view says so
   */
  showNext(list, scores = false) {
    this.q('#ngram-scores-note').hidden = !scores;
    this.next.options.valueHeader = scores ? 'normalised score' : 'probability';
    this.next.options.label = scores ? 'next-token scores, normalised (not probabilities)' : 'next-token distribution';
    // An unsmoothed model after a context it never saw gives every token 0: no distribution, said in words
    // rather than as ten empty bars.
    const none = list.length > 0 && list.every((e) => e.p === 0);
    this.next.options.emptyText = none ? 'no token has probability > 0 after this context (never seen in training)' : 'no data yet';
    this.next.set(none ? [] : list.map((e) => ({ label: e.token === ' ' ? '␣' : e.token, value: e.p })));
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
