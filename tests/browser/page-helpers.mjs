// Helpers of the playground's browser tests: waiting for what the page shows.

/** Waits until the corpus panel shows `tokens` tokens (a number), and returns {tokens, vocab} as text. */
export async function waitForCorpus(page, tokens, timeout = 20000) {
  await page.waitForSelector(`#corpus-panel[data-tokens="${tokens}"]`, { timeout });
  return {
    tokens: await page.textContent('#corpus-tokens'),
    vocab: await page.textContent('#corpus-vocab'),
  };
}

/** The text of every element matching `selector`. */
export function texts(page, selector) {
  return page.$$eval(selector, (nodes) => nodes.map((n) => n.textContent));
}

/** Waits until the settings are on the page (they are built from the engine's schema, sent at start). */
export async function waitForSettings(page, timeout = 20000) {
  await page.waitForSelector('select[data-prop="cell"] option', { state: 'attached', timeout });
}

/** The runs in the page's IndexedDB: {id, train (points), checkpoint (whether it has one)} each. */
export function storedRuns(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('seqlab');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('runs')) return [];
      return await new Promise((resolve, reject) => {
        const request = db.transaction('runs').objectStore('runs').getAll();
        request.onsuccess = () => resolve(request.result.map((r) => ({ id: r.id, train: r.train.length,
          checkpoint: Boolean(r.checkpoint) })));
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  });
}

/**
 * Polls the stored runs until `ready(runs)`. Not page.waitForFunction: it does not await a predicate's
 * promise (a promise is truthy, so an async predicate passes at once, before anything is stored).
 */
export async function waitForStored(page, ready, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const runs = await storedRuns(page);
    if (ready(runs)) return runs;
    if (Date.now() > deadline) throw new Error(`the stored runs never got ready: ${JSON.stringify(runs)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
