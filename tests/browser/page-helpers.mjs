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
