// The sentences of what the page's own charts show now (their text alternatives, after the chart's name;
// see chart-text.js). Pure functions of what the chart draws, called from the chart's redraw.
import { formatValue, formatX, fallOver } from './chart-text.js';
import { formatProbability } from './svg.js';

/** Perplexity by n: "lowest validation perplexity 5.45 at n = 4 of n = 1…6; the chosen n = 3: 6.1". */
export function pplSummary(bars) {
  const best = bars.reduce((a, b) => (b.value < a.value ? b : a));
  const chosen = bars.find((b) => b.highlight);
  const range = `n = ${bars[0].label}…${bars.at(-1).label}`;
  let text = `validation perplexity ${formatValue(best.value)} at n = ${best.label}, lowest of ${range}`;
  if (chosen && chosen !== best) text += `; the chosen n = ${chosen.label}: ${formatValue(chosen.value)}`;
  else if (chosen) text += ' (the chosen n)';
  return text;
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

/** The training chart: the current run's last train and validation perplexities, and the earlier runs. */
export function trainingSummary(drawn) {
  const current = drawn.filter((d) => !d.faint);
  const train = current.find((d) => d.name === 'train')?.points.at(-1);
  const validation = current.find((d) => d.name === 'validation')?.points.at(-1);
  const parts = [];
  if (train) parts.push(`training perplexity ${formatValue(train[1])} after ${formatX(train[0])} tokens`);
  if (validation) parts.push(`validation ${formatValue(validation[1])} at ${formatX(validation[0])} tokens`);
  const earlier = drawn.filter((d) => d.faint && d.name.endsWith(' train')).length;
  if (earlier) parts.push(`${earlier} earlier run${earlier === 1 ? '' : 's'} drawn faint`);
  return parts.join(', ') || 'only earlier runs';
}
