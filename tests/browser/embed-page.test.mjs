// embed.html on its own: `panels=` shows only the named panels, the URL's settings apply, `lock=` shows
// settings read-only, bad view options are reported, and "open in seqlab" carries the state to index.html.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './browser.mjs';
import { waitForSettings } from './page-helpers.mjs';

/** The panels (and the training panel's two parts) that are on screen. */
function visibleParts(page) {
  return page.evaluate(() => {
    const on = (selector) => Boolean(document.querySelector(selector)?.getClientRects().length);
    return ['#corpus-panel', '#ngram-panel', '#train-chart', '#gen-run', '#grad-panel', '#lab-panel'].filter(on);
  });
}

test('embed.html?panels=ngram&n=4 shows only the n-gram panel, with n = 4', async () => {
  const session = await openPlayground('/embed.html?panels=ngram&n=4');
  try {
    const { page, errors } = session;
    await page.waitForFunction(() => document.querySelector('#ngram-n')?.textContent === '4', null, { timeout: 30000 });
    assert.deepEqual(await visibleParts(page), ['#ngram-panel']);
    assert.equal(await page.inputValue('input[data-prop="n"]'), '4');
    assert.match(await page.textContent('#ngram-ppl'), /^\d/);
    assert.equal(await page.isVisible('.site-header'), false, 'compact: no page header');
    const open = new URL(await page.getAttribute('#open-in-seqlab', 'href'));
    assert.equal(open.pathname, '/index.html');
    assert.equal(open.search, '?n=4');
    assert.equal(await page.isVisible('#error-banner'), false);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('lock=cell,hidden shows those settings read-only; the others stay editable', async () => {
  const session = await openPlayground('/embed.html?panels=train&cell=lstm&hidden=32&autostart=0&lock=cell,hidden');
  try {
    const { page, errors } = session;
    await waitForSettings(page);
    await page.waitForSelector('select[data-prop="cell"][data-locked="true"]', { state: 'attached' });
    assert.deepEqual(await visibleParts(page), ['#train-chart']);
    assert.equal(await page.inputValue('select[data-prop="cell"]'), 'lstm');
    assert.equal(await page.isVisible('select[data-prop="cell"]'), true);
    assert.equal(await page.isDisabled('select[data-prop="cell"]'), true);
    assert.equal(await page.$eval('input[data-prop="hidden"]', (i) => i.readOnly), true);
    assert.equal(await page.isEditable('input[data-prop="hidden"]'), false);
    assert.equal(await page.isEditable('input[data-prop="layers"]'), true);
    assert.match(await page.getAttribute('input[data-prop="hidden"]', 'title'), /read-only/);
    // An editable setting still changes the URL and the "open in seqlab" link; the view options stay in it.
    await page.fill('input[data-prop="layers"]', '2');
    await page.press('input[data-prop="layers"]', 'Tab');
    await page.waitForFunction(() => /layers=2/.test(location.search));
    assert.match(page.url(), /panels=train/);
    assert.match(page.url(), /lock=cell%2Chidden/);
    assert.match(await page.getAttribute('#open-in-seqlab', 'href'), /\?cell=lstm&hidden=32&layers=2&autostart=0$/);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('bad view options are reported and left out; the gradient lab shows one view', async () => {
  const session = await openPlayground('/embed.html?panels=flow,plots&lock=cell,nope&autostart=0');
  try {
    const { page, errors } = session;
    await page.waitForSelector('#error-banner:not([hidden])', { timeout: 20000 });
    const banner = await page.textContent('#error-banner');
    assert.match(banner, /panels: 'plots' is not a panel/);
    assert.match(banner, /lock: 'nope' is not a setting/);
    await page.waitForSelector('#lab-tab-flow', { timeout: 20000 });
    assert.deepEqual(await visibleParts(page), ['#lab-panel']);
    assert.equal(await page.isVisible('#lab-tab-flow'), true);
    assert.equal(await page.isVisible('#lab-tab-clip'), false);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('the full page lists the presets, and a preset with a URL override reads as both', async () => {
  const session = await openPlayground('/?preset=d2l-lstm&hidden=64&autostart=0');
  try {
    const { page, errors } = session;
    await waitForSettings(page);
    await page.waitForSelector('#preset-list a[data-preset]');
    const ids = await page.$$eval('#preset-list a', (links) => links.map((a) => a.dataset.preset));
    assert.deepEqual(ids, ['d2l-ngram', 'd2l-rnn-scratch', 'd2l-rnn-concise', 'd2l-bptt', 'd2l-gru', 'd2l-lstm',
      'd2l-deep-rnn', 'memory']);
    assert.equal(await page.getAttribute('#preset-list a[data-preset="d2l-lstm"]', 'aria-current'), 'page');
    assert.equal(await page.inputValue('select[data-prop="cell"]'), 'lstm', "the preset's value");
    assert.equal(await page.inputValue('input[data-prop="hidden"]'), '64', "the URL's value over the preset's");
    assert.equal(await page.inputValue('select[data-prop="optimizer"]'), 'sgd');
    assert.match(await page.textContent('#book-note'), /D2L 9\.2/);
    assert.equal(await page.isVisible('#error-banner'), false);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
