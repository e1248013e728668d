// Every chart of the page says what it shows (issue 21, WCAG 2.2 AA): with data in it, its "data" table holds
// the numbers it draws, read back from the drawn elements (each curve's data-xy and vertex count, each bar's
// data-value, each key-path segment's data-share, the batches' windows, the heatmap's cursor readout), not
// from the array the table was built from; its text alternative (the svg's aria-label) names the current
// numbers, computed here from the drawn elements; and axe finds no violation in the chart and its table.
// Three pages: the corpus, n-gram, training and whole-loss gradient charts; the Gradients lab's views; the
// Memory lab's views.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './browser.mjs';
import { waitForCorpus } from './page-helpers.mjs';
import { axeViolations, describeViolations } from './axe.mjs';

/** Number of significant digits the summaries use (formatValue: 3). */
const fmt3 = (v) => String(Number(v.toPrecision(3)));

/**
 * A number as a table cell prints it, with half a unit of its last digit as the tolerance: "0.52" is
 * 0.52 ± 0.005, "1.2e-3" is 0.0012 ± 0.00005, "12,800" is 12800 ± 50 (trailing zeros of an integer may be
 * rounding), "1.2k" is 1200 ± 50. Text in brackets ("4 (key)") is dropped. null when it is no number.
 */
function parseCell(text) {
  const s = text.replace(/,/g, '').replace(/\s*\(.*\)$/, '').trim();
  const m = s.match(/^(-?\d*\.?\d+)(?:e([+-]?\d+))?([kMG]?)$/);
  if (!m) return null;
  const [int, frac = ''] = m[1].split('.');
  const exponent = Number(m[2] || 0) + ({ k: 3, M: 6, G: 9 }[m[3]] || 0);
  const unit = frac ? 10 ** -frac.length : 10 ** (int.match(/0*$/)[0].length);
  return { value: Number(m[1]) * 10 ** exponent, tol: 0.5 * unit * 10 ** exponent * 1.0001 + 1e-12 };
}

const close = (cell, value) => {
  const parsed = parseCell(cell);
  return parsed !== null && Math.abs(parsed.value - value) <= parsed.tol;
};

/** Reads, in one go, what a chart draws and what its table holds. Runs in the page. */
function readChart(box) {
  const root = document.querySelector(box);
  const svg = root.querySelector('svg');
  const details = root.nextElementSibling?.matches('details.chart-data') ? root.nextElementSibling : null;
  const table = details?.querySelector('table');
  const cells = (tr) => [...tr.children].map((c) => c.textContent);
  return {
    label: svg?.getAttribute('aria-label') ?? '',
    role: svg?.getAttribute('role'),
    open: Boolean(details?.open),
    hasTable: Boolean(table),
    headers: table?.tHead ? cells(table.tHead.rows[0]) : [],
    rows: table?.tBodies[0] ? [...table.tBodies[0].rows].map(cells) : [],
    curves: [...root.querySelectorAll('path[data-xy]')].map((p) => ({
      name: p.dataset.series, label: p.dataset.label, points: Number(p.dataset.points),
      xy: p.dataset.xy ? p.dataset.xy.split(' ').map((pair) => pair.split(',').map(Number)) : [],
      vertices: (p.getAttribute('d').match(/[ML]/g) || []).length,
      pixelsX: [...p.getAttribute('d').matchAll(/[ML]([-\d.]+) /g)].map((m) => Number(m[1])) })),
    bars: [...root.querySelectorAll('rect.bar')].map((r) => ({ label: r.dataset.label, value: Number(r.dataset.value), group: r.dataset.group })),
    // A grouped chart's groups: key and heading (the table's row header), and the texts standing for missing bars.
    groups: [...root.querySelectorAll('g.bar-group')].map((g) => ({ key: g.dataset.group, heading: g.querySelector('text').textContent,
      missing: [...g.querySelectorAll('.bar-missing')].map((t) => ({ label: t.dataset.label, text: t.textContent })) })),
    legend: [...root.querySelectorAll('.alpha-label')].map((t) => t.textContent),
    shares: [...root.querySelectorAll('rect[data-share]')].map((r) => ({ bar: r.dataset.bar, term: r.dataset.term,
      share: Number(r.dataset.share) })),
    windows: [...root.querySelectorAll('g[data-iterator]')].map((g) => ({ iterator: g.dataset.iterator,
      rows: [...g.querySelectorAll('rect[data-start]')].map((r) => [Number(r.dataset.start), r.dataset.carried === 'true']) })),
    highlights: root.querySelectorAll('[data-highlight]').length,
  };
}

/**
 * What is wrong between the table and the drawn curves (empty: nothing). Each drawn curve is one column of
 * the table (the column headed by its label); every drawn point is a row with its x and its y, and the
 * column holds nothing else. `stacked`: the columns are layers whose running sum is the drawn curve.
 */
function compareCurves(chart, { stacked = false } = {}) {
  const problems = [];
  const rowsByX = new Map(chart.rows.map((r) => [parseCell(r[0])?.value, r]));
  if (rowsByX.size !== chart.rows.length) problems.push(`rows with the same x: ${chart.rows.length} rows, ${rowsByX.size} x`);
  chart.curves.forEach((curve, i) => {
    if (curve.xy.length !== curve.points) problems.push(`${curve.name}: data-xy has ${curve.xy.length}, data-points ${curve.points}`);
    if (curve.vertices !== curve.points) problems.push(`${curve.name}: the path has ${curve.vertices} vertices, ${curve.points} points`);
    const col = chart.headers.indexOf(curve.label);
    if (col < 1) { problems.push(`no column '${curve.label}' in ${JSON.stringify(chart.headers)}`); return; }
    const filled = chart.rows.filter((r) => r[col] !== '').length;
    if (filled !== curve.points) problems.push(`${curve.label}: ${filled} cells, ${curve.points} points drawn`);
    for (const [x, y] of curve.xy) {
      const row = rowsByX.get(x) ?? chart.rows.find((r) => close(r[0], x));
      if (!row) { problems.push(`${curve.label}: no row for x = ${x}`); break; }
      const value = stacked ? chart.curves.slice(0, i + 1).reduce((s, c) => s + parseCell(row[chart.headers.indexOf(c.label)]).value, 0)
        : parseCell(row[col])?.value;
      const tol = stacked ? chart.curves.slice(0, i + 1).reduce((s, c) => s + parseCell(row[chart.headers.indexOf(c.label)]).tol, 0)
        : parseCell(row[col])?.tol;
      if (!(Math.abs(value - y) <= tol)) { problems.push(`${curve.label} at x = ${x}: table ${row[col]}, drawn ${y}`); break; }
    }
  });
  return problems;
}

function compareBars(chart) {
  const problems = [];
  if (chart.rows.length !== chart.bars.length) problems.push(`${chart.rows.length} rows, ${chart.bars.length} bars`);
  chart.bars.forEach((bar, i) => {
    const row = chart.rows[i];
    if (!row || row[0] !== bar.label || !close(row[1], bar.value)) problems.push(`bar ${bar.label} ${bar.value}: row ${row}`);
  });
  return problems;
}

/**
 * A grouped bar chart against its table: one row per drawn group (headed by the group's heading), one column
 * per bar label ("n = 3"); each drawn bar's value in its cell, each missing bar's text in its cell, and no
 * other cell filled.
 */
function compareGroups(chart) {
  const problems = [];
  if (chart.rows.length !== chart.groups.length) problems.push(`${chart.rows.length} rows, ${chart.groups.length} groups`);
  let filled = 0;
  for (const group of chart.groups) {
    const row = chart.rows.find((r) => r[0] === group.heading);
    if (!row) { problems.push(`no row '${group.heading}'`); continue; }
    filled += row.slice(1).filter((cell) => cell !== '').length;
    const cell = (label) => row[chart.headers.indexOf(`n = ${label}`)];
    for (const bar of chart.bars.filter((b) => b.group === group.key)) {
      if (!close(cell(bar.label) ?? '', bar.value)) problems.push(`${group.heading} n = ${bar.label}: drawn ${bar.value}, table ${cell(bar.label)}`);
    }
    for (const missing of group.missing) {
      if (cell(missing.label) !== missing.text) problems.push(`${group.heading} n = ${missing.label}: drawn '${missing.text}', table ${cell(missing.label)}`);
    }
  }
  const drawn = chart.bars.length + chart.groups.reduce((sum, g) => sum + g.missing.length, 0);
  if (filled !== drawn) problems.push(`${filled} cells filled, ${drawn} bars and missing bars drawn`);
  return problems;
}

/** "falls 3.1 decades" (or rises): a drawn curve read from low x to high x (or the reverse), positive values only. */
function change(xy, fromHighX = false) {
  const ok = xy.filter(([, y]) => y > 0).sort((a, b) => a[0] - b[0]);
  if (fromHighX) ok.reverse();
  const decades = Math.log10(ok[0][1] / ok.at(-1)[1]);
  return `${decades >= 0 ? 'falls' : 'rises'} ${Math.abs(decades).toFixed(1)} decades`;
}

/**
 * Opens the chart's data table (keyboard); for a `live` chart (one that goes on training) waits until it has
 * redrawn since; then polls until the table agrees with the drawing and the text alternative names the
 * numbers `expect(chart)` lists (a live chart redraws between reads; its table follows a frame later).
 * Then axe over the chart and its open table. Returns the last reading.
 */
async function checkChart(page, box, { compare, expect, live = false, timeout = 30000 }) {
  await page.waitForSelector(`${box} + details.chart-data > summary`, { timeout });
  await page.focus(`${box} + details.chart-data > summary`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`${box} + details.chart-data[open] table tbody tr`, { state: 'attached', timeout });
  if (live) {
    // A chart that goes on training: the open table must follow its next redraws, so wait for one first.
    const drawing = (c) => JSON.stringify([c.curves.map((x) => x.xy), c.shares]);
    const opened = drawing(await page.evaluate(readChart, box));
    const until = Date.now() + timeout;
    while (drawing(await page.evaluate(readChart, box)) === opened && Date.now() < until) await page.waitForTimeout(100);
    assert.notEqual(drawing(await page.evaluate(readChart, box)), opened, `${box} redrew while its table was open`);
  }
  const deadline = Date.now() + timeout;
  let chart;
  let problems;
  do {
    chart = await page.evaluate(readChart, box);
    problems = compare(chart);
    if (chart.role !== 'img') problems.push(`role ${chart.role}`);
    for (const text of expect(chart)) {
      if (!chart.label.includes(text)) problems.push(`the text alternative does not say '${text}': ${chart.label}`);
    }
    if (problems.length) await page.waitForTimeout(200);
  } while (problems.length && Date.now() < deadline);
  assert.deepEqual(problems, [], `${box}: ${problems.join('\n')}`);
  console.log(`# ${box}: ${chart.rows.length} rows; "${chart.label.slice(0, 160)}"`);
  const violations = await axeViolations(page, { include: `${box}, ${box} + details.chart-data` });
  assert.deepEqual(violations, [], describeViolations(violations));
  return chart;
}

test('the page\'s charts: corpus, n-gram, training and gradients have tables of what they draw and say it', async () => {
  const session = await openPlayground('/?cell=gru');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428, 30000);
    await page.waitForSelector('#train-chart path[data-series="validation"]', { state: 'attached', timeout: 60000 });
    await page.waitForSelector('#gate-chart rect.bar', { state: 'attached', timeout: 60000 });
    await page.click('#train-pause');
    await page.waitForSelector('#train-panel[data-running="false"]', { timeout: 20000 });

    await checkChart(page, '#zipf-chart', { compare: (c) => compareCurves({ ...c, curves: c.curves.map((x) => ({ ...x, label: x.name })) }),
      expect: (c) => c.legend.map((l) => l.replace(/\s+/g, ' ')) });
    // Every smoothing's group in: the lowest drawn bar is named with its smoothing, order and value.
    await page.waitForSelector('#ngram-panel[data-field-complete="true"]', { state: 'attached', timeout: 60000 });
    await checkChart(page, '#ngram-ppl-chart', { compare: compareGroups, expect: (c) => {
      const best = c.bars.reduce((a, b) => (b.value < a.value ? b : a));
      const heading = c.groups.find((g) => g.key === best.group).heading.replace(/ \(chosen\)$/, '');
      return [`lowest validation perplexity: ${heading}, n = ${best.label}, ${best.value.toFixed(3)}`];
    } });
    await page.fill('input[data-prop="context"]', 'the time');
    await page.waitForSelector('#ngram-next-chart rect.bar', { state: 'attached' });
    await checkChart(page, '#ngram-next-chart', { compare: compareBars,
      expect: (c) => [`'${[...c.bars].sort((a, b) => b.value - a.value)[0].label}'`] });
    await checkChart(page, '#train-chart', { compare: compareCurves, expect: (c) => {
      const train = c.curves.find((x) => x.name === 'train').xy.at(-1);
      const validation = c.curves.find((x) => x.name === 'validation').xy.at(-1);
      return [`training perplexity ${fmt3(train[1])}`, `validation ${fmt3(validation[1])}`];
    } });
    await checkChart(page, '#grad-chart', { compare: compareCurves,
      expect: (c) => c.curves.map((x) => `${x.label} ${change(x.xy, true)}`) });
    await checkChart(page, '#gate-chart', { compare: compareBars,
      expect: (c) => c.bars.map((b) => `${b.label} ${b.value.toFixed(2)}`) });
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('the Gradients lab: every view has a table of what it draws and says it', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428, 30000);
    await page.$eval('#lab-panel', (s) => s.scrollIntoView());
    await page.waitForSelector('[data-chart="flow"] path[data-series="lstm"]', { state: 'attached', timeout: 60000 });
    const box = (name) => `[data-chart="${name}"]`;
    const falls = (c) => c.curves.map((x) => `${x.label} ${change(x.xy)}`);

    await checkChart(page, box('flow'), { live: true, compare: compareCurves, expect: falls });

    await page.click('#lab-tab-linear');
    await page.waitForSelector(`${box('linear')} path[data-series="measured"]`, { state: 'attached', timeout: 30000 });
    await checkChart(page, box('linear'), { compare: compareCurves, expect: (c) => {
      return [`measured ${change(c.curves.find((x) => x.name === 'measured').xy)}`];
    } });

    await page.click('#lab-tab-paths');
    await page.waitForSelector(`${box('paths')} path[data-series="direct"]`, { state: 'attached', timeout: 30000 });
    await checkChart(page, box('paths'), { compare: (c) => compareCurves(c, { stacked: true }), expect: (c) => {
      // Each term's share of the summed norms, from the drawn stack (a layer is its top minus the one below).
      const totals = c.curves.map((x, i) => x.xy.reduce((s, [, y], j) => s + y - (i ? c.curves[i - 1].xy[j][1] : 0), 0));
      const all = totals.reduce((a, b) => a + b, 0);
      return c.curves.map((x, i) => `${x.label} ${Math.round((100 * totals[i]) / all)}%`);
    } });

    await page.click('#lab-tab-trunc');
    await page.fill('#lab-tau', '10');
    await page.fill('#lab-pi', '0.5');
    await page.click('#lab-trunc-start');
    await page.waitForFunction(() => document.querySelectorAll('[data-chart="trunc-train"] path[data-series]').length === 3
      && [...document.querySelectorAll('[data-chart="trunc-train"] path[data-series]')].every((p) => Number(p.dataset.points) >= 2),
    null, { timeout: 60000 });
    await checkChart(page, box('trunc-train'), { compare: compareCurves,
      expect: (c) => c.curves.map((x) => `${x.label}: perplexity ${fmt3(x.xy.at(-1)[1])}`) });
    await checkChart(page, box('trunc-flow'), { compare: compareCurves, expect: falls });

    await page.click('#lab-tab-clip');
    await page.waitForSelector(`${box('clip')} path[data-series="gradNorm"]`, { state: 'attached', timeout: 30000 });
    await checkChart(page, box('clip'), { live: true, compare: (c) => {
      const problems = compareCurves(c);
      const clipped = c.rows.filter((r) => r[2] === 'yes').length;
      if (clipped !== c.highlights) problems.push(`${clipped} rows clipped, ${c.highlights} steps marked`);
      return problems;
    }, expect: (c) => [`largest ${fmt3(Math.max(...c.curves[0].xy.map((p) => p[1])))}`] });

    await page.click('#lab-tab-gates');
    await page.waitForSelector('[data-chart="gates"] svg', { timeout: 30000 });
    const gates = await checkChart(page, box('gates'), { compare: (c) => {
      const problems = [];
      if (c.rows.length !== 256) problems.push(`${c.rows.length} rows, 256 gate units drawn`);
      if (c.headers.length !== 41) problems.push(`${c.headers.length - 1} columns, 40 characters drawn`);
      return problems;
    }, expect: () => ['l0.z mean', 'l0.r mean'] });
    // The heatmap's own readout (the value under its keyboard cursor) is in the table's cell. The lab goes on
    // training: the cursor is moved again (which rewrites the readout) until both come from the same data.
    await page.focus('[data-chart="gates"]');
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight']) await page.keyboard.press(key);
    let cell;
    for (let attempt = 0; attempt < 50; attempt++) {
      await page.keyboard.press(attempt % 2 ? 'ArrowLeft' : 'ArrowRight');
      await page.waitForTimeout(100);
      cell = await page.evaluate((sel) => {
        const readout = document.querySelector('#lab-view-gates .lab-readout').textContent;
        const [, gate, unit, t, value] = readout.match(/^(\S+) unit (\d+), t = (\d+), character '.*?': ([-\d.e+]+)/);
        const row = [...document.querySelector(`${sel} + details table tbody`).rows]
          .find((r) => r.cells[0].textContent === `${gate} unit ${unit}`);
        return { readout, value, table: row.cells[Number(t)].textContent, header: row.children[0].textContent };
      }, box('gates'));
      if (cell.value === cell.table) break;
    }
    assert.equal(cell.table, cell.value, `${cell.readout} | table: ${cell.header} ${cell.table}`);
    assert.ok(cell.readout.startsWith(`${cell.header}, t = `), `${cell.readout} | ${cell.header}`);
    assert.ok(gates.rows.length > 0);
    await checkChart(page, box('saturation'), { compare: compareCurves,
      expect: (c) => [`${fmt3(100 * c.curves[0].xy.at(-1)[1])}% saturated`] });

    await page.click('#lab-tab-batches');
    await page.waitForSelector('[data-chart="batches"] svg[data-iterators="2"]', { state: 'attached', timeout: 30000 });
    await checkChart(page, box('batches'), { compare: (c) => {
      const drawn = c.windows.flatMap((w) => w.rows);
      const problems = c.rows.length === drawn.length ? [] : [`${c.rows.length} rows, ${drawn.length} windows drawn`];
      drawn.forEach(([start, carried], i) => {
        const r = c.rows[i];
        if (!r || Number(r[1]) !== start || (r[3] === 'carried') !== carried) problems.push(`window ${i}: ${start} ${carried} | ${r}`);
      });
      return problems;
    }, expect: (c) => c.windows.map((w) => `${w.rows.length} rows`) });
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('the Memory lab: each chart has a table of what it draws and says it', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428, 30000);
    await page.$eval('#memory-panel', (s) => s.scrollIntoView());
    await page.waitForFunction(() => {
      const curves = [...document.querySelectorAll('[data-chart="memory-accuracy"] path[data-series]')];
      return curves.length === 5 && curves.every((c) => Number(c.dataset.points) >= 3);
    }, null, { timeout: 120000 });
    await checkChart(page, '[data-chart="memory-accuracy"]', { live: true, compare: compareCurves,
      expect: (c) => [`after ${Math.max(...c.curves.map((x) => x.xy.at(-1)[0])).toLocaleString('en')} steps`,
        ...c.curves.map((x) => `${x.label} ${Math.round(x.xy.at(-1)[1] * 100)}`)] });
    await checkChart(page, '[data-chart="memory-gradient"]', { live: true, compare: compareCurves,
      expect: (c) => c.curves.filter((x) => !x.name.endsWith(':init')).map((x) => `${x.label} `) });
    await checkChart(page, '[data-chart="memory-key-paths"]', { live: true, compare: (c) => {
      const problems = [];
      const bars = [...new Set(c.shares.map((s) => s.bar))];
      if (bars.length !== c.rows.length) problems.push(`${c.rows.length} rows, ${bars.length} bars`);
      bars.forEach((bar, i) => {
        const row = c.rows[i];
        const norms = row.slice(1, 5).map((cell) => parseCell(cell).value);
        const total = norms.reduce((a, b) => a + b, 0);
        c.shares.filter((s) => s.bar === bar).forEach((s, k) => {
          if (Math.abs(norms[k] / total - s.share) > 0.01) problems.push(`${bar} ${s.term}: table ${norms[k] / total}, drawn ${s.share}`);
        });
      });
      return problems;
    }, expect: (c) => [`direct, through 1 − z ${Math.round(c.shares.find((s) => s.term === 'direct').share * 100)}%`] });
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
