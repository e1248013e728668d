// After the worker fails (an uncaught error inside it), the page starts a new worker and sends its state
// again: the corpus is reloaded with the current settings, the n-gram model rebuilt and training resumes
// on a fresh trainer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './browser.mjs';
import { waitForCorpus } from './page-helpers.mjs';

test('a failed worker is replaced and the page re-sends its state', async () => {
  const session = await openPlayground('/?level=word&n=2');
  try {
    const { page } = session;
    await waitForCorpus(page, 32775);
    await page.waitForSelector('#m-first-step[data-ms]', { timeout: 20000 });
    const trainers = Number(await page.getAttribute('#train-panel', 'data-trainers'));
    const [worker] = page.workers();
    assert.ok(worker, 'the page runs one worker');
    await worker.evaluate(() => { setTimeout(() => { throw new Error('simulated engine crash'); }); });

    await page.waitForSelector('#error-banner:not([hidden])', { timeout: 20000 });
    assert.match(await page.textContent('#error-banner'), /simulated engine crash.*restarted/);
    // The new worker gets the same word-level corpus, the bigram model and a new training run.
    await page.waitForFunction((before) => Number(document.querySelector('#train-panel').dataset.trainers) > before,
      trainers, { timeout: 20000 });
    await waitForCorpus(page, 32775);
    await page.waitForFunction(() => Number(document.querySelector('#train-panel').dataset.points) > 2,
      null, { timeout: 20000 });
    await page.waitForSelector('#ngram-ppl-chart rect.highlight[data-label="2"]', { state: 'attached' });
    assert.equal(page.workers().length, 1, 'the failed worker was terminated');
  } finally {
    await session.close();
  }
});
