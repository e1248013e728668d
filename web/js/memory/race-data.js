// Pure helpers of the Memory lab's views (no DOM, no engine): when a curve first reaches a target accuracy,
// thinning long curves for drawing, and the plain-words summary of what the race has shown so far. The race's
// contestants and target are web/js/memory-race.js's (the worker reads them too); the unit tests in tests/js
// import this module.
import { TARGET_ACCURACY } from '../memory-race.js';

/**
 * The step of the first point at or above `target`, or null when the curve never got there.
 * @param {{step: number, answerAccuracy: number|null}[]} curve
 */
export function stepReaching(curve, target = TARGET_ACCURACY) {
  const hit = curve.find((p) => Number.isFinite(p.answerAccuracy) && p.answerAccuracy >= target);
  return hit ? hit.step : null;
}

/**
 * At most `max` points of a curve, evenly spread, the first and the last always kept (a chart redraw stays
 * cheap however long the race runs; the data table shows the same thinned points).
 */
export function thin(points, max) {
  if (points.length <= max) return points.slice();
  const out = [];
  const stride = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * stride)]);
  return out;
}

/** 3000 -> "3,000" (the page is in English). */
export const formatSteps = (n) => Math.round(n).toLocaleString('en-US');
/** 0.953 -> "95%" */
export const formatPercent = (p) => `${Math.round(p * 100)}%`;

/** How far above chance a curve must get before the summary says it learned something. */
const ABOVE_CHANCE = 0.1;

/**
 * What the race has shown, in plain words, from the measured curves only. One sentence per contestant:
 * reached the target at step s; or stayed at chance (its best accuracy within ABOVE_CHANCE of chance) for
 * its steps; or got to its best accuracy by its steps. "so far" until the race has ended.
 * @param {{contestants: {label: string, steps: number, curve: {step: number, answerAccuracy: number}[],
 *          diverged?: boolean}[], chanceAccuracy: number, finished: boolean, lag?: number,
 *          target?: number}} race
 * @returns {string}
 */
export function raceSummary({ contestants, chanceAccuracy, finished, lag, target = TARGET_ACCURACY }) {
  const measured = contestants.filter((c) => c.curve.length > 0);
  if (!measured.length) return 'The race has not been measured yet.';
  const sentences = measured.map((c) => {
    const reached = stepReaching(c.curve, target);
    if (reached !== null) return `the ${c.label} reached ${formatPercent(target)} at step ${formatSteps(reached)}`;
    const best = Math.max(...c.curve.map((p) => p.answerAccuracy).filter(Number.isFinite));
    const steps = formatSteps(c.steps);
    const tail = c.diverged ? ' (its training diverged)' : '';
    if (!(best >= chanceAccuracy + ABOVE_CHANCE)) {
      // Below chance is possible: an answer that is not one of the keys (e.g. a filler symbol) is wrong.
      const where = best < chanceAccuracy - ABOVE_CHANCE / 2 ? 'below' : 'at';
      return `the ${c.label} stayed ${where} chance (best ${formatPercent(best)}) ${finished ? 'for' : 'over its first'} ` +
        `${steps} steps${tail}`;
    }
    return `the ${c.label} got to ${formatPercent(best)} at best ${finished ? 'in' : 'in its first'} ${steps} steps${tail}`;
  });
  const lead = `${finished ? 'The race ended' : 'So far'}${Number.isFinite(lag) ? ` (lag ${lag})` : ''}, with chance at ` +
    `${formatPercent(chanceAccuracy)}: `;
  return `${lead}${joinList(sentences)}.`;
}

/** ['a', 'b', 'c'] -> 'a; b; and c' */
function joinList(items) {
  if (items.length === 1) return items[0];
  return `${items.slice(0, -1).join('; ')}; and ${items.at(-1)}`;
}
