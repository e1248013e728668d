// The sentences of what the page's own charts show now (their text alternatives, after the chart's name;
// see chart-text.js). Pure functions of what the chart draws, called from the chart's redraw.
import { formatValue, formatX, fallOver } from './chart-text.js';
import { formatProbability } from './svg.js';

/**
 * The n-gram field, one bar group per smoothing, in words: "lowest validation perplexity: Kneser-Ney, n = 6,
 * 3.763; each smoothing's lowest: Laplace n = 4, 5.452; …; MLE n = 1, 17.3 (infinite at n = 2, 3, 4, 5, 6:
 * unseen events); the chosen: Laplace, n = 3, 6.121". `leftOut`: the groups not drawn and why.
 * @param {import('./grouped-bar-chart.js').BarGroup[]} groups
 * @param {(v: number) => string} format
 * @param {string} [leftOut]  e.g. "stupid backoff has no perplexity (scores, not probabilities)"
 */
export function fieldSummary(groups, format, leftOut) {
  const lowestOf = (bars) => bars.filter((b) => Number.isFinite(b.value)).reduce((a, b) => (a && a.value <= b.value ? a : b), null);
  const each = groups.map((g) => {
    const low = lowestOf(g.bars);
    const infinite = g.bars.filter((b) => !Number.isFinite(b.value)).map((b) => b.label);
    const missing = infinite.length ? ` (infinite at n = ${infinite.join(', ')}: unseen events)` : '';
    return { g, low, text: `${g.label} ${low ? `n = ${low.label}, ${format(low.value)}` : 'none finite'}${missing}` };
  });
  const best = each.filter((e) => e.low).reduce((a, b) => (a && a.low.value <= b.low.value ? a : b), null);
  const parts = [];
  if (best) parts.push(`lowest validation perplexity: ${best.g.label}, n = ${best.low.label}, ${format(best.low.value)}`);
  if (groups.length > 1) parts.push(`each smoothing's lowest: ${each.map((e) => e.text).join('; ')}`);
  const chosenGroup = groups.find((g) => g.highlight);
  const chosen = chosenGroup?.bars.find((b) => b.highlight);
  if (chosen) {
    parts.push(`the chosen: ${chosenGroup.label}, n = ${chosen.label}, ${Number.isFinite(chosen.value) ? format(chosen.value) : chosen.text}`);
  }
  if (leftOut) parts.push(leftOut);
  return parts.join('; ');
}

/** The next-token distribution: its three most likely tokens. */
export function nextTokenSummary(bars) {
  const top = [...bars].sort((a, b) => b.value - a.value).slice(0, 3);
  return `most likely next tokens: ${top.map((b) => `'${b.label}' ${formatProbability(b.value)}`).join(', ')} (${bars.length} shown)`;
}

/** Mean gate activations: "z 0.52, r 0.48". */
export function gateMeansSummary(bars) {
  return bars.map((b) => `${b.label} ${b.value.toFixed(2)}`).join(', ');
}

/** Curves of a gradient against t: how many decades each falls from t = T back to t = 1. */
export function decadesSummary(drawn) {
  return drawn.map((d) => `${d.label} ${fallOver(d.points, true)} back from t = T`).join('; ');
}

/**
 * The training chart: the current run's last train and validation perplexities, the earlier runs, and the
 * reference lines (the n-gram models', the uniform level) as their labels write them.
 */
export function trainingSummary(drawn, references = []) {
  const current = drawn.filter((d) => !d.faint);
  const train = current.find((d) => d.name === 'train')?.points.at(-1);
  const validation = current.find((d) => d.name === 'validation')?.points.at(-1);
  const parts = [];
  if (train) parts.push(`training perplexity ${formatValue(train[1])} after ${formatX(train[0])} tokens`);
  if (validation) parts.push(`validation ${formatValue(validation[1])} at ${formatX(validation[0])} tokens`);
  const earlier = drawn.filter((d) => d.faint && d.name.endsWith(' train')).length;
  if (earlier) parts.push(`${earlier} earlier run${earlier === 1 ? '' : 's'} drawn faint`);
  const text = parts.join(', ') || 'only earlier runs';
  const lines = references.map((r) => r.text ?? `${r.label} ${formatValue(r.y)}`);
  return lines.length ? `${text}; lines: ${lines.join('; ')}` : text;
}
