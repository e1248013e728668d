// Each D2L preset (web/js/presets.js) opens embed.html with its own panels and its curve moves (the time
// from the navigation is printed, not asserted: a timed test fails on a loaded machine and passes on a
// broken fast one; each waits at most WAIT_MS for the curve): for the networks, the training chart gets points with a changing perplexity; for the
// n-grams, the perplexity by order is drawn; for the memory race, every contestant's accuracy curve. The book's figure is shown beside the training curve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './browser.mjs';
import { PRESETS } from '../../web/js/presets.js';

/** How long a preset's curve may take to move before the test gives up (generous: a loaded machine). */
const WAIT_MS = 60000;

test('each preset loads and its curve moves', async () => {
  const session = await openPlayground('/embed.html?autostart=0&panels=corpus');
  try {
    const { page, errors } = session;
    for (const preset of PRESETS) {
      const start = Date.now();
      const deadline = start + WAIT_MS;
      const left = () => Math.max(1, deadline - Date.now());
      await page.goto(new URL(`/embed.html?preset=${preset.id}`, session.url).href);
      if (preset.panels.includes('memory')) {
        // The memory race: a measured point on every contestant's accuracy curve.
        await page.waitForFunction(() => {
          const curves = [...document.querySelectorAll('[data-chart="memory-accuracy"] path[data-series]')];
          return curves.length >= 2 && curves.every((c) => Number(c.dataset.points) >= 1);
        }, null, { timeout: left() });
      } else if (preset.settings.autostart === '0') {
        // The n-gram preset trains no network: its curve is the perplexity by order.
        await page.waitForFunction(() => document.querySelectorAll('#ngram-ppl-chart rect.bar').length >= 2
          && /^\d/.test(document.querySelector('#ngram-ppl').textContent), null, { timeout: left() });
      } else {
        await page.waitForFunction(() => {
          const panel = document.querySelector('#train-panel');
          return Number(panel?.dataset.points) >= 2 && panel.dataset.lastTrainPpl !== panel.dataset.firstTrainPpl;
        }, null, { timeout: left() });
        const note = await page.textContent('#book-note');
        assert.match(note, new RegExp(preset.section.replace('.', '\\.')), `${preset.id}: the book's section`);
        if (Number.isFinite(preset.book.perplexity)) {
          assert.match(note, new RegExp(`book: ${preset.book.perplexity.toFixed(1).replace('.', '\\.')}`));
        }
      }
      console.log(`# ${preset.id}: moving ${Date.now() - start} ms after the navigation`);
      const shown = await page.evaluate(() => document.documentElement.dataset.panels);
      assert.equal(shown, preset.panels.join(','), `${preset.id}: its own panels`);
      assert.equal(await page.isVisible('#error-banner'), false, `${preset.id}: every value valid`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
