// The field of n-gram models: every smoothing's validation perplexity by order, and the one place that picks
// the best of them and names it. The n-gram panel draws the field (one bar group per smoothing) and the
// network's chart draws the best as its reference line, both from what this module returns, so the line and
// the bars cannot disagree. The best is taken over every order AND every smoothing: a network that beats only
// Laplace (the book's first step) has beaten a weak model, not the n-gram a practitioner would use.

/** The smoothings' names as the literature writes them (the engine's ids are lower case). */
const NAMES = new Map([
  ['laplace', 'Laplace'], ['add-k', 'add-k'], ['d2l', 'D2L'], ['mle', 'MLE'], ['witten-bell', 'Witten-Bell'],
  ['kneser-ney', 'Kneser-Ney'], ['modified-kneser-ney', 'modified Kneser-Ney'], ['stupid-backoff', 'stupid backoff'],
]);

/** @param {string} smoothing  the engine's id ('witten-bell') @returns {string} its name ('Witten-Bell') */
export function smoothingName(smoothing) {
  return NAMES.get(smoothing) ?? smoothing;
}

/**
 * @typedef {{n: number, perplexity: number|null, unseen?: number, noPerplexity?: string}} OrderRow
 *   one row of Session.ngramPerplexities: perplexity null when infinite (unseen events, counted in `unseen`)
 *   or when the smoothing gives scores, not probabilities (`noPerplexity` says so)
 * @typedef {{smoothing: string, n: number, perplexity: number}} FieldBest
 */

/** True when a smoothing's rows are scores without a perplexity (stupid backoff). @param {OrderRow[]} rows */
export function givesScores(rows) {
  return rows.some((r) => r.noPerplexity);
}

/**
 * The lowest finite validation perplexity over every smoothing and order (the first met on a tie).
 * @param {Map<string, OrderRow[]>} field  smoothing -> its rows
 * @returns {FieldBest | undefined}
 */
export function fieldBest(field) {
  let best;
  for (const [smoothing, rows] of field) {
    for (const { n, perplexity } of rows) {
      if (Number.isFinite(perplexity) && !(best && best.perplexity <= perplexity)) best = { smoothing, n, perplexity };
    }
  }
  return best;
}

/** A perplexity on a reference line: two decimals, as the line's label prints it. */
export function formatReference(perplexity) {
  return perplexity.toFixed(2);
}

/** The network chart's line of the best n-gram: "best n-gram: Witten-Bell, n = 5, 4.40". @param {FieldBest} best */
export function bestLabel(best) {
  return `best n-gram: ${smoothingName(best.smoothing)}, n = ${best.n}, ${formatReference(best.perplexity)}`;
}

/** The line of the model chosen in the panel: "chosen n-gram: Laplace, n = 3, 6.12". */
export function chosenLabel(smoothing, n, perplexity) {
  return `chosen n-gram: ${smoothingName(smoothing)}, n = ${n}, ${formatReference(perplexity)}`;
}

/**
 * The n-gram reference lines of the network's chart: the chosen model's (none when its perplexity is infinite)
 * and the field's best (none until the field is known); one line when they are the same model.
 * @param {{smoothing: string, n: number, perplexity: number|null}} chosen
 * @param {FieldBest | undefined} best
 * @returns {{y: number, text: string, kind: 'chosen'|'best'|'chosen best'}[]}
 */
export function referenceLines(chosen, best) {
  const lines = [];
  const same = best && best.smoothing === chosen.smoothing && best.n === chosen.n;
  if (Number.isFinite(chosen.perplexity) && !same) {
    lines.push({ y: chosen.perplexity, text: chosenLabel(chosen.smoothing, chosen.n, chosen.perplexity), kind: 'chosen' });
  }
  if (best) lines.push({ y: best.perplexity, text: `${bestLabel(best)}${same ? ' (chosen)' : ''}`, kind: same ? 'chosen best' : 'best' });
  return lines;
}
