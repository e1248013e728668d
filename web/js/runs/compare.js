// What tells one run from another: the settings that differ, as the chart's legend writes them
// ("lr 0.1 → 0.01"). A run's settings are a plain object {setting name: value as the URL writes it}; each
// run is compared with the run before it, the change a user makes to get the next run. Pure module: Node
// tests import it.

/**
 * The settings that differ between two runs, in the order of `names` (names present in neither are skipped).
 * @param {Object<string, string>} before
 * @param {Object<string, string>} after
 * @param {string[]} names  the settings a run is told apart by, in the page's order
 * @returns {{name: string, from: string|undefined, to: string|undefined}[]}
 */
export function settingsDiff(before, after, names) {
  const diff = [];
  for (const name of names) {
    const from = before[name];
    const to = after[name];
    if (from !== to) diff.push({ name, from, to });
  }
  return diff;
}

/** "lr 0.1 → 0.01, hidden 64 → 128"; a setting one side lacks shows as "—". */
export function describeDiff(diff) {
  return diff.map(({ name, from, to }) => `${name} ${from ?? '—'} → ${to ?? '—'}`).join(', ');
}

/**
 * The legend of a list of runs, oldest first: "run 1", then for each later run what changed since the one
 * before it ("run 2: lr 0.1 → 0.01"), or "same settings" (a run started again with another seed of luck:
 * e.g. a Reset).
 * @param {{settings: Object<string, string>}[]} runs
 * @param {string[]} names
 * @returns {string[]}
 */
export function runLabels(runs, names) {
  return runs.map((run, i) => {
    if (i === 0) return 'run 1';
    const text = describeDiff(settingsDiff(runs[i - 1].settings, run.settings, names));
    return `run ${i + 1}: ${text || 'same settings'}`;
  });
}
