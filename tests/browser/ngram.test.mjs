// The n-gram panel: perplexity bars for n = 1..6, one group per smoothing, equal to what the JS API computes in
// Node; next-token bars after a context; a seeded sample identical to what Node gets from the same JS API with
// the same settings; the network chart's "best n-gram" line, checked against the panel's data table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openPlayground } from './browser.mjs';
import { waitForCorpus } from './page-helpers.mjs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';
import { createProps, defaults, optionsOf, sampleOptions } from '../../web/js/state.js';

/** The bars of one smoothing's group in the field's chart: [[n, value]]. */
const groupBars = (page, smoothing) => page.$$eval(`#ngram-ppl-chart rect.bar[data-group="${smoothing}"]`,
  (rs) => rs.map((r) => [r.dataset.label, Number(r.dataset.value)]));

/** Waits until the chosen smoothing's group has `count` bars (and the group is marked as the chosen one). */
const chosenGroup = (page, smoothing, count) => page.waitForFunction(([s, c]) => document.querySelectorAll(
  `#ngram-ppl-chart g.bar-group[data-group="${s}"][data-chosen="true"] rect.bar`).length === c, [smoothing, count], { timeout: 20000 });

/** Waits until every smoothing's perplexities are in (the field is complete). */
const fieldComplete = (page) => page.waitForSelector('#ngram-panel[data-field-complete="true"]', { state: 'attached', timeout: 60000 });

test('perplexity bars for n = 1..6 and next-token bars after a context', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    await chosenGroup(page, 'laplace', 6);
    const bars = await groupBars(page, 'laplace');
    assert.deepEqual(bars.map((b) => b[0]), ['1', '2', '3', '4', '5', '6']);
    assert.ok(bars.every(([, v]) => v > 1 && v < 28), `perplexities between 1 and V: ${bars}`);
    assert.ok(bars[1][1] < bars[0][1], 'a bigram beats a unigram');
    assert.deepEqual(await page.$$eval('#ngram-ppl-chart rect.highlight', (rs) => rs.map((r) => [r.dataset.group, r.dataset.label])),
      [['laplace', '3']]);

    // After 'q' (the 3-gram sees ' q') comes 'u'.
    await page.fill('input[data-prop="context"]', 'a q');
    await page.waitForFunction(() => document.querySelector('#ngram-next-chart rect.bar')?.dataset.label === 'u');
    const next = await page.$$eval('#ngram-next-chart rect.bar', (rs) => rs.map((r) => Number(r.dataset.value)));
    assert.ok(next.length >= 5 && next[0] > 0.5 && next.every((p, i) => i === 0 || p <= next[i - 1]));
    assert.match(page.url(), /context=a\+q/);
    assert.match(await page.textContent('#ngram-note'), /sums to 1 only over the ids seen in training/);

    // D2L's smoothing stops at trigrams: the engine leaves out the orders it cannot do.
    await page.selectOption('select[data-prop="smoothing"]', 'd2l');
    await chosenGroup(page, 'd2l', 3);
    assert.deepEqual((await groupBars(page, 'd2l')).map((b) => b[0]), ['1', '2', '3']);
    assert.match(page.url(), /smoothing=d2l/);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('a sample with a fixed seed equals the one Node draws with the same JS API', async () => {
  const seqlab = await createSeqlab();
  const props = createProps(seqlab.schema());
  const state = defaults(props);
  const text = readFileSync(new URL('../../web/assets/timemachine.txt', import.meta.url), 'utf8');
  const engine = new seqlab.Session();
  engine.loadCorpus(text, optionsOf(props, state, 'corpus'));
  engine.buildNgram(optionsOf(props, state, 'ngram'));
  const { generated: expected } = engine.ngramSample(sampleOptions(state));
  engine.delete();
  assert.ok(expected.length > 0);

  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await page.waitForSelector('#ngram-sample-output[data-continuation]', { timeout: 20000 });
    assert.equal(await page.getAttribute('#ngram-sample-output', 'data-continuation'), expected);
    assert.equal(await page.textContent('#ngram-sample-output'), state.context + expected);
    console.log(`# sample (seed ${state.sampleSeed}): ${JSON.stringify(expected)}`);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('the smoothings a practitioner uses: Witten-Bell beats Laplace at n = 5; MLE writes its infinite orders with their unseen count', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    await fieldComplete(page);
    const value = async (smoothing, n) => Object.fromEntries(await groupBars(page, smoothing))[n];
    const laplace5 = await value('laplace', '5');
    const wittenBell5 = await value('witten-bell', '5');
    assert.ok(wittenBell5 < laplace5 * 0.8, `Witten-Bell ${wittenBell5} against Laplace ${laplace5} at n = 5`);
    // MLE: an unseen event in the validation part makes every order above 1 infinite: no bar, its text instead.
    const mle = await page.$$eval('#ngram-ppl-chart g.bar-group[data-group="mle"] .bar-missing', (ts) => ts.map((t) => [t.dataset.label, t.textContent]));
    assert.deepEqual(mle.map(([n]) => n), ['2', '3', '4', '5', '6']);
    assert.ok(mle.every(([, text]) => /^∞ \([\d,]+ unseen\)$/.test(text)), JSON.stringify(mle));
    // Stupid backoff gives scores: no group of its own.
    assert.equal(await page.$$eval('#ngram-ppl-chart [data-group="stupid-backoff"]', (e) => e.length), 0);
    assert.match(await page.getAttribute('#ngram-ppl-chart svg', 'aria-label'), /not drawn: stupid backoff \(scores, not probabilities/);
    // Chosen, the MLE trigram's perplexity is written as infinite with the count of tokens it gives probability 0.
    await page.selectOption('select[data-prop="smoothing"]', 'mle');
    await page.waitForFunction(() => document.querySelector('#ngram-ppl')?.textContent === '∞', null, { timeout: 20000 });
    const unseen3 = mle.find(([n]) => n === '3')[1].match(/[\d,]+/)[0];
    assert.match(await page.textContent('#ngram-detail'), new RegExp(`^\\(${unseen3} of [\\d,]+ validation tokens have probability 0\\)$`));
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('next tokens and samples for every smoothing; stupid backoff\'s are marked as normalised scores', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    const choices = await page.$$eval('select[data-prop="smoothing"] option', (os) => os.map((o) => o.value));
    assert.equal(choices.length, 8, JSON.stringify(choices));
    for (const smoothing of choices) {
      await page.selectOption('select[data-prop="smoothing"]', smoothing);
      // D2L stops at trigrams (the default n = 3 is one it has); every smoothing draws next tokens and a sample.
      await page.waitForSelector(`#ngram-panel[data-model="${smoothing}, n = 3"]`, { state: 'attached', timeout: 20000 });
      const next = await page.$$eval('#ngram-next-chart rect.bar', (rs) => rs.map((r) => Number(r.dataset.value)));
      assert.ok(next.length >= 3 && next.every((p) => p > 0 && p <= 1), `${smoothing}: ${next}`);
      assert.ok((await page.getAttribute('#ngram-sample-output', 'data-continuation')).length > 0, smoothing);
      assert.equal(await page.isHidden('#ngram-scores-note'), smoothing !== 'stupid-backoff', smoothing);
      assert.equal(await page.isVisible('#ngram-error'), false, `${smoothing}: ${await page.textContent('#ngram-error')}`);
    }
    assert.match(await page.getAttribute('#ngram-next-chart svg', 'aria-label'), /^next-token scores, normalised \(not probabilities\)/);
    // MLE after a context it never saw: no distribution, said in words (not ten bars of 0); its sample is refused
    // with the engine's reason.
    await page.selectOption('select[data-prop="smoothing"]', 'mle');
    await page.waitForSelector('#ngram-panel[data-model="mle, n = 3"]', { state: 'attached', timeout: 20000 });
    await page.fill('input[data-prop="context"]', 'zqx');
    await page.waitForSelector('#ngram-next-chart svg[data-bars="0"]', { timeout: 20000 });
    assert.match(await page.getAttribute('#ngram-next-chart svg', 'aria-label'), /no token has probability > 0 after this context/);
    await page.fill('input[data-prop="sampleSeed"]', '2');
    await page.press('input[data-prop="sampleSeed"]', 'Enter');
    await page.waitForSelector('#ngram-error:not([hidden])', { timeout: 20000 });
    assert.match(await page.textContent('#ngram-error'), /MLE model gives 0 to every continuation of a context unseen in training/);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

/** The field's chart's data table, opened from the keyboard: {headers, rows} as text. */
async function readFieldTable(page) {
  await page.focus('#ngram-ppl-chart + details.chart-data > summary');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#ngram-ppl-chart + details.chart-data[open] table tbody tr', { state: 'attached' });
  return page.$eval('#ngram-ppl-chart + details.chart-data table', (table) => ({
    headers: [...table.tHead.rows[0].children].map((c) => c.textContent),
    rows: [...table.tBodies[0].rows].map((tr) => [...tr.children].map((c) => c.textContent)),
  }));
}

test('the "best n-gram" line is the lowest cell of the panel\'s data table; the bar groups equal the JS API\'s perplexities', async () => {
  // The JS API in Node, on the same text with the page's default corpus options.
  const seqlab = await createSeqlab();
  const props = createProps(seqlab.schema());
  const state = defaults(props);
  const text = readFileSync(new URL('../../web/assets/timemachine.txt', import.meta.url), 'utf8');
  const engine = new seqlab.Session();
  engine.loadCorpus(text, optionsOf(props, state, 'corpus'));
  const maxN = props.byName.get('n').max;
  const expected = Object.fromEntries(['laplace', 'mle', 'witten-bell', 'modified-kneser-ney']
    .map((smoothing) => [smoothing, engine.ngramPerplexities({ maxN, smoothing })]));
  engine.delete();

  // Training, so that the network's chart draws its reference lines.
  const session = await openPlayground('/');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    await fieldComplete(page);
    console.log(`# the field (${maxN} orders x ${props.byName.get('smoothing').choices.length} smoothings) ` +
      `took ${await page.getAttribute('#ngram-panel', 'data-field-ms')} ms in the page, training beside it`);

    // The bar groups, cell by cell, against the JS API: the same number for a finite perplexity, the same
    // unseen count for an infinite one.
    for (const [smoothing, rows] of Object.entries(expected)) {
      const drawn = await page.$$eval(`#ngram-ppl-chart [data-group="${smoothing}"][data-label]`, (es) => es.map((e) =>
        ({ n: Number(e.dataset.label), value: e.matches('rect.bar') ? Number(e.dataset.value) : null, text: e.textContent })));
      assert.deepEqual(drawn.map((d) => d.n), rows.map((r) => r.n), smoothing);
      rows.forEach((row, i) => {
        if (Number.isFinite(row.perplexity)) {
          assert.ok(Math.abs(drawn[i].value - row.perplexity) <= 1e-9 * row.perplexity, `${smoothing} n = ${row.n}: ${drawn[i].value} against ${row.perplexity}`);
        } else {
          assert.equal(drawn[i].value, null, `${smoothing} n = ${row.n}`);
          assert.equal(drawn[i].text, `∞ (${row.unseen.toLocaleString('en')} unseen)`, `${smoothing} n = ${row.n}`);
        }
      });
    }

    // The lowest cell of the data table: every smoothing, every order.
    const table = await readFieldTable(page);
    const cells = table.rows.flatMap((row) => row.slice(1).map((cell, j) => ({ smoothing: row[0].replace(/ \(chosen\)$/, ''),
      n: Number(table.headers[j + 1].replace('n = ', '')), value: /^\d+\.\d{3}$/.test(cell) ? Number(cell) : NaN })))
      .filter((c) => Number.isFinite(c.value));
    assert.ok(cells.length >= 30 && new Set(cells.map((c) => c.smoothing)).size >= 6, JSON.stringify(table));
    const lowest = cells.reduce((a, b) => (b.value < a.value ? b : a));
    // On The Time Machine the best is not the Laplace the book starts from, and it is far below Laplace's best.
    const laplace = Math.min(...cells.filter((c) => c.smoothing === 'Laplace').map((c) => c.value));
    assert.notEqual(lowest.smoothing, 'Laplace');
    assert.ok(lowest.value < 0.85 * laplace, `best ${lowest.value} against Laplace ${laplace}`);

    // The network chart's line: that smoothing and order by name, that value (the label rounds to 2 decimals,
    // the table to 3; data-y holds the line's number).
    await page.waitForSelector('#train-chart .reference-label[data-kind="best"]', { state: 'attached', timeout: 30000 });
    const line = await page.$eval('#train-chart .reference-label[data-kind="best"]', (t) => ({ text: t.textContent, y: Number(t.dataset.y) }));
    const match = line.text.match(/^best n-gram: (.+), n = (\d+), (\d+\.\d\d)$/);
    assert.ok(match, line.text);
    assert.deepEqual([match[1], Number(match[2])], [lowest.smoothing, lowest.n], line.text);
    assert.ok(Math.abs(Number(match[3]) - lowest.value) <= 0.0051, `${line.text} against ${lowest.value}`);
    assert.ok(Math.abs(line.y - lowest.value) <= 0.0005, `line at ${line.y}, table ${lowest.value}`);
    // The panel's table of each smoothing's best order marks the same model.
    const bestRow = await page.$eval('#ngram-field tr.best', (tr) => [...tr.children].map((c) => c.textContent));
    assert.deepEqual([bestRow[0], Number(bestRow[1]), Number.parseFloat(bestRow[2])], [lowest.smoothing, lowest.n, lowest.value]);
    // The chart's text alternative names the line too.
    assert.match(await page.getAttribute('#train-chart svg', 'aria-label'), new RegExp(line.text.replace(/[.()]/g, '\\$&')));
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('the field\'s chart stays readable in a narrow column: one column of groups at 360 px, two at 1280, no text cut off', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await fieldComplete(page);
    for (const [width, columns] of [[360, 1], [1280, 2]]) {
      await page.setViewportSize({ width, height: 900 });
      // The chart redraws at its container's new width (svg.js observedWidth).
      await page.waitForFunction(() => {
        const svg = document.querySelector('#ngram-ppl-chart svg');
        return Number(svg?.getAttribute('width')) === Math.floor(document.querySelector('#ngram-ppl-chart').getBoundingClientRect().width);
      }, null, { timeout: 20000 });
      const drawn = await page.$eval('#ngram-ppl-chart svg', (svg) => ({
        width: Number(svg.getAttribute('width')),
        // Each group's left edge: one distinct value per column.
        lefts: [...new Set([...svg.querySelectorAll('g.bar-group')].map((g) => Math.round(g.getBBox().x)))],
        overflow: [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent, right: t.getBBox().x + t.getBBox().width }))
          .filter((t) => t.right > Number(svg.getAttribute('width')) + 0.5),
      }));
      assert.equal(drawn.lefts.length, columns, `${width} px: ${JSON.stringify(drawn.lefts)}`);
      assert.deepEqual(drawn.overflow, [], `${width} px, svg ${drawn.width} px wide`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
