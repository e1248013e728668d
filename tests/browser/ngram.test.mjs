// The n-gram panel: perplexity bars for n = 1..6, next-token bars after a context, and a seeded sample
// identical to what Node gets from the same JS API with the same settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openPlayground } from './browser.mjs';
import { waitForCorpus } from './page-helpers.mjs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';
import { createProps, defaults, optionsOf, sampleOptions } from '../../web/js/state.js';

test('perplexity bars for n = 1..6 and next-token bars after a context', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    await page.waitForSelector('#ngram-ppl-chart svg[data-bars="6"]', { timeout: 20000 });
    const bars = await page.$$eval('#ngram-ppl-chart rect.bar', (rs) => rs.map((r) => [r.dataset.label, Number(r.dataset.value)]));
    assert.deepEqual(bars.map((b) => b[0]), ['1', '2', '3', '4', '5', '6']);
    assert.ok(bars.every(([, v]) => v > 1 && v < 28), `perplexities between 1 and V: ${bars}`);
    assert.ok(bars[1][1] < bars[0][1], 'a bigram beats a unigram');
    assert.equal(await page.$eval('#ngram-ppl-chart rect.highlight', (r) => r.dataset.label), '3');

    // After 'q' (the 3-gram sees ' q') comes 'u'.
    await page.fill('input[data-prop="context"]', 'a q');
    await page.waitForFunction(() => document.querySelector('#ngram-next-chart rect.bar')?.dataset.label === 'u');
    const next = await page.$$eval('#ngram-next-chart rect.bar', (rs) => rs.map((r) => Number(r.dataset.value)));
    assert.ok(next.length >= 5 && next[0] > 0.5 && next.every((p, i) => i === 0 || p <= next[i - 1]));
    assert.match(page.url(), /context=a\+q/);
    assert.match(await page.textContent('#ngram-note'), /sums to 1 only over the ids seen in training/);

    // D2L's smoothing stops at trigrams: the engine leaves out the orders it cannot do.
    await page.selectOption('select[data-prop="smoothing"]', 'd2l');
    await page.waitForSelector('#ngram-ppl-chart svg[data-bars="3"]', { timeout: 20000 });
    const d2l = await page.$$eval('#ngram-ppl-chart rect.bar', (rs) => rs.map((r) => r.dataset.label));
    assert.deepEqual(d2l, ['1', '2', '3']);
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

test('the smoothings a practitioner uses: Witten-Bell beats Laplace at n = 5; MLE leaves out the infinite orders', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    await page.waitForSelector('#ngram-ppl-chart svg[data-bars="6"]', { timeout: 20000 });
    const valueOf = (label) => page.$eval(`#ngram-ppl-chart rect.bar[data-label="${label}"]`, (r) => Number(r.dataset.value));
    const laplace5 = await valueOf('5');
    await page.selectOption('select[data-prop="smoothing"]', 'witten-bell');
    await page.waitForFunction((old) => Number(document.querySelector('#ngram-ppl-chart rect.bar[data-label="5"]')?.dataset.value) !== old,
      laplace5, { timeout: 20000 });
    const wittenBell5 = await valueOf('5');
    assert.ok(wittenBell5 < laplace5 * 0.8, `Witten-Bell ${wittenBell5} against Laplace ${laplace5} at n = 5`);
    // MLE: an unseen event in the validation part makes every order above 1 infinite (no bar), n = 3 too ('—').
    await page.selectOption('select[data-prop="smoothing"]', 'mle');
    await page.waitForSelector('#ngram-ppl-chart svg[data-bars="1"]', { timeout: 20000 });
    await page.waitForFunction(() => document.querySelector('#ngram-ppl')?.textContent === '—', null, { timeout: 20000 });
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('the "best n-gram" line is the best over every smoothing and order, and equals that smoothing\'s own bar', async () => {
  // Training, so that the network's chart draws its reference lines.
  const session = await openPlayground('/');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    await page.waitForSelector('#ngram-field:not([hidden]) tr.best', { timeout: 60000 });
    const rows = await page.$$eval('#ngram-field tbody tr', (trs) => trs.map((tr) => ({ smoothing: tr.dataset.smoothing,
      n: Number(tr.children[1].textContent), perplexity: Number.parseFloat(tr.children[2].textContent), best: tr.classList.contains('best') })));
    const finite = rows.filter((r) => Number.isFinite(r.perplexity));
    assert.ok(finite.length >= 4, JSON.stringify(rows));
    const best = rows.find((r) => r.best);
    assert.equal(best.perplexity, Math.min(...finite.map((r) => r.perplexity)), JSON.stringify(rows));
    // On The Time Machine the chosen Laplace is far from the best (D2L's own verdict on Laplace).
    assert.notEqual(best.smoothing, 'laplace');
    const laplace = rows.find((r) => r.smoothing.startsWith('laplace'));
    assert.ok(best.perplexity < 0.85 * laplace.perplexity, `best ${best.perplexity} against Laplace ${laplace.perplexity}`);
    // The training chart's line names that smoothing and order, at that perplexity.
    const label = `best n-gram: ${best.smoothing}, n = ${best.n}, val`;
    await page.waitForFunction((l) => [...document.querySelectorAll('#train-chart .reference-label')].some((e) => e.textContent.startsWith(l)),
      label, { timeout: 20000 });
    // Chosen in the panel, that smoothing's own bar at that n is the same number.
    await page.selectOption('select[data-prop="smoothing"]', best.smoothing);
    await page.waitForSelector(`#ngram-field tr[data-smoothing="${best.smoothing}"] th:text("(chosen)")`, { timeout: 20000 });
    const bar = await page.$eval(`#ngram-ppl-chart rect.bar[data-label="${best.n}"]`, (r) => Number(r.dataset.value));
    assert.ok(Math.abs(bar - best.perplexity) < 5e-4, `bar ${bar}, table ${best.perplexity}`);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
