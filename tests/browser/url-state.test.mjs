// The settings live in the URL: a configured link opens with those values, bad values fall back to the
// defaults with a notice, and changing a field rewrites the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './browser.mjs';

test('settings are read from the URL, validated, and written back', async () => {
  const session = await openPlayground('/?autostart=0&cell=lstm&hidden=32&truncation=fixed&tau=5&hidden2=1&layers=9');
  try {
    const { page, errors } = session;
    await page.waitForSelector('#error-banner:not([hidden])');
    const banner = await page.textContent('#error-banner');
    assert.match(banner, /unknown setting 'hidden2'/);
    assert.match(banner, /layers must be in \[1, 4\] \(got 9\)/);
    assert.equal(await page.inputValue('select[data-prop="cell"]'), 'lstm');
    assert.equal(await page.inputValue('input[data-prop="hidden"]'), '32');
    assert.equal(await page.inputValue('input[data-prop="layers"]'), '1');
    assert.equal(await page.inputValue('input[data-prop="tau"]'), '5');
    assert.equal(await page.isVisible('input[data-prop="tau"]'), true, 'τ shows for fixed truncation');
    assert.equal(await page.isVisible('input[data-prop="pi"]'), false);
    assert.equal(await page.isVisible('select[data-prop="activation"]'), false, 'activation is for RNN only');

    await page.selectOption('select[data-prop="cell"]', 'rnn');
    await page.fill('input[data-prop="hidden"]', '48');
    await page.press('input[data-prop="hidden"]', 'Tab');
    await page.waitForFunction(() => /hidden=48/.test(location.search));
    const search = new URL(page.url()).search;
    assert.match(search, /cell=rnn/);
    assert.doesNotMatch(search, /layers=|hidden2/, 'only valid, non-default values are written');
    assert.equal(await page.isVisible('select[data-prop="activation"]'), true);

    // An out-of-range value is marked and not applied.
    await page.fill('input[data-prop="hidden"]', '5000');
    await page.press('input[data-prop="hidden"]', 'Tab');
    assert.equal(await page.$eval('input[data-prop="hidden"]', (el) => el.classList.contains('invalid')), true);
    assert.match(new URL(page.url()).search, /hidden=48/);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
