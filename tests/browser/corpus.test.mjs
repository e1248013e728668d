// The corpus panel: the default corpus's counts at char and word level (D2L's numbers), the top tables,
// the Zipf chart with three fitted series, and bad input that leaves the previous corpus in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './browser.mjs';
import { waitForCorpus, waitForSettings, texts } from './page-helpers.mjs';

test('the default corpus (char, letters_only) has 173,428 tokens and 28 types; word level 32,775 / 4,580', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await waitForSettings(page);
    assert.equal(await page.inputValue('select[data-prop="level"]'), 'char');
    assert.equal(await page.inputValue('select[data-prop="preprocess"]'), 'letters_only');
    assert.deepEqual(await waitForCorpus(page, 173428), { tokens: '173,428', vocab: '28' });
    assert.equal(await page.textContent('#corpus-name'), 'The Time Machine');
    await page.waitForSelector('#corpus-top tbody tr');
    assert.equal((await texts(page, '#corpus-top tbody tr td:first-child'))[0], '␣', 'space is the commonest char');

    await page.selectOption('select[data-prop="level"]', 'word');
    assert.deepEqual(await waitForCorpus(page, 32775), { tokens: '32,775', vocab: '4,580' });
    assert.match(page.url(), /[?&]level=word/, 'the URL carries the setting');
    await page.waitForFunction(() => document.querySelector('#corpus-top td')?.textContent === 'the');
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('the Zipf chart draws unigrams, bigrams and trigrams with their fitted lines and alpha', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await page.waitForSelector('#zipf-chart svg[data-series="3"]', { timeout: 20000 });
    assert.equal((await page.$$('#zipf-chart path.series')).length, 3);
    assert.equal((await page.$$('#zipf-chart path.fit')).length, 3);
    const labels = await texts(page, '#zipf-chart .alpha-label');
    assert.equal(labels.length, 3);
    for (const [i, name] of ['unigrams', 'bigrams', 'trigrams'].entries()) {
      assert.match(labels[i], new RegExp(`^${name}\\s+α = \\d+\\.\\d\\d$`));
    }
    const points = await page.$$eval('#zipf-chart path.series', (ps) => ps.map((p) => Number(p.dataset.points)));
    assert.ok(points.every((n) => n >= 20), `each series has points (${points})`);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('empty pasted text and an invalid UTF-8 file give a message and the previous corpus stays', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    await page.click('#corpus-paste-toggle');
    await page.fill('#corpus-text', '   \n  ');
    await page.click('#corpus-use-text');
    await page.waitForSelector('#corpus-error:not([hidden])');
    assert.match(await page.textContent('#corpus-error'), /empty.*previous corpus stays loaded/);
    assert.deepEqual(await waitForCorpus(page, 173428), { tokens: '173,428', vocab: '28' });

    await page.setInputFiles('#corpus-file', { name: 'bad.txt', mimeType: 'text/plain',
      buffer: Buffer.from([0x61, 0x62, 0x63, 0x20, 0xff, 0xfe, 0x64]) });
    await page.waitForFunction(() => /UTF-8/.test(document.querySelector('#corpus-error').textContent));
    assert.match(await page.textContent('#corpus-error'), /bad\.txt is not valid UTF-8.*offset 4/);
    assert.deepEqual(await waitForCorpus(page, 173428), { tokens: '173,428', vocab: '28' });
    assert.equal(await page.textContent('#corpus-name'), 'The Time Machine');

    // A file dropped on the panel is read like an opened one.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['to be or not to be'], 'dropped.txt', { type: 'text/plain' }));
      document.querySelector('#corpus-panel').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true,
        cancelable: true }));
    });
    await waitForCorpus(page, 18);
    assert.equal(await page.textContent('#corpus-name'), 'dropped.txt');
    assert.equal(await page.isHidden('#corpus-error'), true);

    // A good pasted text replaces the corpus and clears the message.
    await page.fill('#corpus-text', 'the cat sat on the mat');
    await page.click('#corpus-use-text');
    await waitForCorpus(page, 22);
    assert.equal(await page.isHidden('#corpus-error'), true);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('a text the engine refuses (no validation token) reports its message and the previous corpus stays', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    await page.waitForSelector('#ngram-sample-output[data-continuation]', { timeout: 20000 });
    const trainers = Number(await page.getAttribute('#train-panel', 'data-trainers'));
    await page.click('#corpus-paste-toggle');
    await page.fill('#corpus-text', 'ab');
    await page.click('#corpus-use-text');
    await page.waitForSelector('#corpus-error:not([hidden])');
    assert.match(await page.textContent('#corpus-error'),
      /^pasted text: validation fraction .* leaves no validation token.*; the previous corpus stays loaded$/);
    // The engine built the new corpus beside the old one and kept the old with everything on it.
    assert.deepEqual(await waitForCorpus(page, 173428), { tokens: '173,428', vocab: '28' });
    assert.equal(await page.textContent('#corpus-name'), 'The Time Machine');
    assert.equal(Number(await page.getAttribute('#train-panel', 'data-trainers')), trainers, 'no trainer rebuilt');
    await page.waitForFunction(() => document.querySelectorAll('#ngram-ppl-chart g.bar-group[data-chosen="true"] rect.bar').length === 6,
      null, { timeout: 20000 });
    assert.equal(await page.isHidden('#corpus-error'), false, 'the message stays');
    await page.click('#gen-run');
    await page.waitForSelector('#gen-output[data-text]', { timeout: 20000 });
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
