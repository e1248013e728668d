// Comparing runs on the training chart and exporting them: a second run leaves the first as a faint curve
// whose legend names what changed; the reference lines are the chosen and the best n-gram and the uniform
// level; the CSV, PNG, SVG and text downloads happen and parse; a reload brings the runs back from the
// browser's storage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPlayground } from './browser.mjs';
import { waitForCorpus, waitForStored } from './page-helpers.mjs';

/** Waits until the current run has more than `count` training points on the page. */
function waitForPoints(page, count, timeout = 20000) {
  return page.waitForFunction((n) => Number(document.querySelector('#train-panel').dataset.points) > n, count,
    { timeout });
}

/** Clicks `selector` and returns the download's file name and bytes. */
async function downloadOf(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

/** The CSV's settings header ({key: value}), its column names and its rows of numbers (null when empty). */
function parseCsv(text) {
  const lines = text.trimEnd().split('\n');
  const header = Object.fromEntries(lines.filter((l) => l.startsWith('# ') && l.includes(': '))
    .map((l) => { const at = l.indexOf(': '); return [l.slice(2, at), l.slice(at + 2)]; }));
  const [columns, ...rows] = lines.filter((l) => !l.startsWith('#')).map((l) => l.split(','));
  return { header, columns, rows: rows.map((r) => r.map((v) => (v === '' ? null : Number(v)))) };
}

test('two runs show two curves and the legend names what differs; the reference lines are there', async () => {
  const session = await openPlayground('/?hidden=32&batch=16');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    await waitForPoints(page, 5);
    await page.fill('input[data-prop="hidden"]', '16');
    await page.press('input[data-prop="hidden"]', 'Enter');
    await page.waitForSelector('#train-panel[data-earlier-runs="1"]');
    await waitForPoints(page, 3);
    const faint = await page.$$eval('#train-chart path.series.faint', (paths) => paths.map((p) => ({
      series: p.dataset.series, points: Number(p.dataset.points) })));
    assert.ok(faint.some((p) => p.series.endsWith(' train') && p.points > 5), JSON.stringify(faint));
    assert.equal(await page.$$eval('#train-chart path.series:not(.faint)[data-series="train"]', (p) => p.length), 1);
    const legend = await page.$$eval('#train-chart .legend-label', (labels) => labels.map((l) => l.textContent));
    assert.ok(legend.includes('run 1'), JSON.stringify(legend));
    assert.ok(legend.includes('train (run 2: hidden 32 → 16)'), JSON.stringify(legend));

    // The n-gram lines (the chosen order and the best one) and the uniform level, V = 28 characters.
    await page.waitForFunction(() => document.querySelectorAll('#train-chart line.reference').length >= 3);
    const references = await page.$$eval('#train-chart .reference-label', (l) => l.map((x) => x.textContent));
    assert.ok(references.some((r) => /^uniform \(V = 28\) 28$/.test(r)), JSON.stringify(references));
    assert.ok(references.some((r) => /^chosen n-gram: Laplace, n = 3, \d+\.\d\d$/.test(r)), JSON.stringify(references));
    assert.ok(references.some((r) => /^best n-gram: [A-Za-z -]+, n = \d, \d+\.\d\d$/.test(r)), JSON.stringify(references));

    await page.click('#run-clear');
    await page.waitForSelector('#train-panel[data-earlier-runs="0"]');
    // The chart redraws on the next animation frame: wait for it (a clear that leaves the curves times out).
    await page.waitForFunction(() => document.querySelectorAll('#train-chart path.series.faint').length === 0, null,
      { timeout: 10000 });
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('the curve downloads as CSV and the chart as PNG and SVG; the generated text as .txt', async () => {
  const session = await openPlayground('/?hidden=32&batch=16&lr=0.02');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    // Two validation points at least (validation runs about once a second).
    await page.waitForFunction(() => Number(document.querySelector('#train-chart path[data-series="validation"]')
      ?.dataset.points) >= 2, null, { timeout: 20000 });
    await page.click('#train-pause');
    await page.waitForSelector('#train-panel[data-running="false"]');
    const points = Number(await page.getAttribute('#train-panel', 'data-points'));

    const csv = await downloadOf(page, '#export-csv');
    assert.match(csv.name, /^the-time-machine_gru-h32-adam_epoch-\d+\.\d\d_curve\.csv$/);
    const { header, columns, rows } = parseCsv(csv.bytes.toString('utf8'));
    assert.deepEqual(columns, ['tokens', 'epoch', 'train_perplexity', 'val_perplexity', 'grad_norm', 'clipped_share']);
    assert.equal(header.corpus, 'The Time Machine');
    assert.equal(header.hidden, '32');
    assert.equal(header.lr, '0.02');
    assert.equal(header.cell, 'gru');
    assert.ok(rows.length >= points, `${rows.length} rows for ${points} points`);
    const trained = rows.filter((r) => r[2] !== null);
    assert.equal(trained.length, points);
    for (const [tokens, epoch, train, , grad, clipped] of trained) {
      assert.ok(tokens > 0 && epoch > 0 && train > 1 && grad > 0 && clipped >= 0 && clipped <= 1);
    }
    assert.ok(rows.filter((r) => r[3] !== null).length >= 2, 'validation perplexities are in the CSV');
    assert.ok(rows.every((r, i) => i === 0 || r[0] >= rows[i - 1][0]), 'rows in order of tokens seen');
    assert.ok(trained.at(-1)[2] < trained[0][2], 'the perplexity fell');

    const png = await downloadOf(page, '#export-png');
    assert.match(png.name, /_chart\.png$/);
    assert.equal(png.bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
    assert.equal(png.bytes.subarray(12, 16).toString('latin1'), 'IHDR');
    const [width, height] = [png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)];
    const viewBox = (await page.getAttribute('#train-chart svg', 'viewBox')).split(' ').map(Number);
    assert.deepEqual([width, height], [viewBox[2] * 2, viewBox[3] * 2]);

    const svg = await downloadOf(page, '#export-svg');
    assert.match(svg.name, /_chart\.svg$/);
    const svgText = svg.bytes.toString('utf8');
    // Parsed back by the browser's XML parser: a standalone SVG with the curves and their colours inline.
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.localName,
        paths: [...doc.querySelectorAll('path[data-series]')].map((p) => [p.dataset.series, p.getAttribute('stroke'),
          p.getAttribute('fill')]) };
    }, svgText);
    assert.equal(parsed.error, null);
    assert.equal(parsed.root, 'svg');
    assert.ok(parsed.paths.some(([series, stroke, fill]) => series === 'train' && stroke && fill === 'none'),
      JSON.stringify(parsed.paths));
    assert.ok(!svgText.includes('class='), 'no CSS classes: the styles are inline');

    await page.click('#gen-run');
    await page.waitForSelector('#gen-output[data-text]');
    const txt = await downloadOf(page, '#gen-save');
    assert.match(txt.name, /_generated\.txt$/);
    assert.equal(txt.bytes.toString('utf8'), await page.getAttribute('#gen-output', 'data-text'));

    // Export to PyTorch: two files with the engine's stem; the safetensors header is JSON that accounts for
    // every byte after it, and the script loads that file.
    const both = new Promise((resolve) => {
      const got = [];
      page.on('download', function collect(download) {
        got.push(download);
        if (got.length === 2) { page.off('download', collect); resolve(got); }
      });
    });
    await page.click('#export-pytorch');
    const files = Object.fromEntries(await Promise.all((await both).map(async (d) => [d.suggestedFilename(),
      await readFile(await d.path())])));
    const weights = Object.keys(files).find((n) => n.endsWith('.safetensors'));
    const script = Object.keys(files).find((n) => n.endsWith('.py'));
    assert.ok(weights && script, Object.keys(files).join(', '));
    assert.equal(weights.slice(0, -'.safetensors'.length), script.slice(0, -'.py'.length));
    const bytes = files[weights];
    const headerLength = Number(bytes.readBigUInt64LE(0));
    const tensorHeader = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8'));
    const tensors = Object.entries(tensorHeader).filter(([name]) => name !== '__metadata__');
    assert.ok(tensors.length > 0);
    const end = Math.max(...tensors.map(([, t]) => t.data_offsets[1]));
    assert.equal(8 + headerLength + end, bytes.length, 'the tensors fill the file');
    const source = files[script].toString('utf8');
    assert.match(source, /import torch/);
    assert.ok(source.includes(weights), `the script loads ${weights}`);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('a reload brings the last run back from the browser storage as an earlier run', async () => {
  const session = await openPlayground('/?hidden=32&batch=16');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    await waitForPoints(page, 5);
    await page.click('#train-pause');
    await page.waitForSelector('#train-panel[data-running="false"]');
    const points = Number(await page.getAttribute('#train-panel', 'data-points'));
    // Storing happens as training stops (the worker's checkpoint first): wait until the stored run has all
    // its points and its checkpoint.
    await waitForStored(page, (runs) => runs.some((r) => r.train === points && r.checkpoint));

    await page.goto(session.url.replace('?', '?autostart=0&'));
    await page.waitForSelector('#train-panel[data-earlier-runs="1"]', { timeout: 20000 });
    const faint = await page.$$eval('#train-chart path.series.faint', (paths) => paths.map((p) => Number(p.dataset.points)));
    assert.ok(faint.includes(points), `the stored curve has its ${points} points: ${faint}`);
    assert.equal(await page.isVisible('#run-restore'), true, 'the stored run can be resumed');
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
