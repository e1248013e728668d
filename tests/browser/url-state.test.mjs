// The settings live in the URL: a configured link opens with those values, bad values fall back to the
// defaults with a notice, and changing a field rewrites the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './browser.mjs';
import { waitForSettings } from './page-helpers.mjs';

test('settings are read from the URL, validated, and written back', async () => {
  const session = await openPlayground('/?autostart=0&cell=lstm&hidden=32&truncation=fixed&tau=5&hidden2=1&layers=9' +
    '&embedding=0x10');
  try {
    const { page, errors } = session;
    await page.waitForSelector('#error-banner:not([hidden])');
    const banner = await page.textContent('#error-banner');
    assert.match(banner, /unknown setting 'hidden2'/);
    assert.match(banner, /layers must be in \[1, 4\] \(got 9\)/);
    assert.match(banner, /embedding must be a decimal number \(got '0x10'\)/, 'hexadecimal is not read as 16');
    assert.equal(await page.inputValue('input[data-prop="embedding"]'), '0');
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

test('random truncation shows π as the probability of keeping a step, 0.5 by default', async () => {
  const session = await openPlayground('/?autostart=0&truncation=random');
  try {
    const { page, errors } = session;
    const field = 'input[data-prop="pi"]';
    await waitForSettings(page);
    assert.equal(await page.isVisible(field), true);
    assert.equal(await page.isVisible('input[data-prop="tau"]'), false);
    assert.equal(await page.inputValue(field), '0.5');
    assert.match(await page.$eval(field, (el) => el.closest('label').textContent), /keep/);
    assert.match(await page.getAttribute(field, 'title'), /probability of keeping a step/);
    await page.selectOption('select[data-prop="truncation"]', 'full');
    assert.equal(await page.isVisible(field), false);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('the lab panel is a section after the gradients panel, and the Gradients lab mounts into it', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await page.waitForSelector('#lab-panel', { state: 'attached' });
    assert.equal(await page.$eval('#grad-panel', (grad) => grad.nextElementSibling?.id), 'lab-panel');
    // The lab (web/js/controllers/lab-controller.js) fills it with its tabs once the engine is up, and marks the
    // section as the lab's (LabPanel adds the class when it mounts, so the check waits for the mount).
    await page.waitForSelector('#lab-panel #lab-tab-flow', { timeout: 20000 });
    assert.equal(await page.$eval('#lab-panel', (lab) => lab.tagName + '.' + lab.className), 'SECTION.panel lab');
    assert.equal(await page.isVisible('#lab-panel'), true);
    // Empty, the section takes no room (the rule the page kept for the time before the lab mounts).
    assert.equal(await page.evaluate(() => {
      const probe = document.createElement('section');
      probe.className = 'panel';
      probe.id = 'lab-panel';
      document.querySelector('#lab-panel').replaceWith(probe);
      return getComputedStyle(probe).display;
    }), 'none');
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
