// A model too large for WebAssembly memory (the case: word level, hidden 1024, 4 layers, embedding
// 512, batch 64, steps 400) is refused before anything is allocated: the training panel shows the engine's
// message with the sizes, the limit and what to lower, each setting to lower is marked with the largest
// value that fits, and the page goes on (a smaller batch trains).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './browser.mjs';
import { waitForCorpus } from './page-helpers.mjs';

test('a model too large for memory: a message beside the settings to lower, and a smaller one trains', async () => {
  const session = await openPlayground('/?level=word&cell=gru&hidden=1024&layers=4&embedding=512&batch=64&steps=400');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 32775);
    await page.waitForSelector('#train-error:not([hidden])', { timeout: 30000 });
    const message = await page.textContent('#train-error');
    assert.match(message, /^the model and its training would need \d+(\.\d)? GB \(/);
    assert.match(message, /training workspace \(batch 64 x steps 400\) \d+(\.\d)? GB/);
    assert.match(message, /more than the 3\.5 GB the engine may use \(WebAssembly's 4\.0 GB minus 512 MB/);
    assert.match(message, /lower batch \(64 -> at most (\d+)\)/);
    assert.doesNotMatch(message, /bad_alloc/);
    const fits = Number(/lower batch \(64 -> at most (\d+)\)/.exec(message)[1]);
    assert.ok(fits >= 1 && fits < 64);

    // Beside each setting named: the largest value that fits.
    for (const name of ['batch', 'steps', 'hidden', 'layers']) {
      assert.equal(await page.isVisible(`.setting-note[data-refused="${name}"]`), true, `${name} is marked`);
      assert.equal(await page.getAttribute(`[data-prop="${name}"]`, 'class'), 'refused');
    }
    // Lowering the embedding alone cannot make it fit: it is not marked.
    assert.equal(await page.isVisible('.setting-note[data-refused="embedding"]'), false);
    assert.equal(await page.textContent('.setting-note[data-refused="batch"]'), `too large for memory: at most ${fits} fits`);
    // The corpus stays and the page answers: smaller settings are accepted, the marks go, and it trains.
    assert.equal(await page.textContent('#corpus-tokens'), '32,775');
    for (const [name, value] of [['batch', '2'], ['hidden', '16']]) {
      await page.fill(`input[data-prop="${name}"]`, value);
      await page.press(`input[data-prop="${name}"]`, 'Tab');
    }
    await page.waitForSelector('.setting-note', { state: 'detached' });
    await page.click('#train-start');
    await page.waitForFunction(() => Number(document.querySelector('#train-panel').dataset.points) > 0, null,
      { timeout: 120000 });
    assert.equal(await page.isHidden('#train-error'), true);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
