// The page loads the WebAssembly module in its worker and shows the engine version and "SIMD: on".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openPlayground } from './browser.mjs';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url)));

test('the page loads the engine in a worker and shows its version and SIMD on', async () => {
  const session = await openPlayground('/');
  try {
    const { page, errors } = session;
    await page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 20000 });
    assert.equal(await page.textContent('#engine-simd'), 'SIMD: on');
    assert.match(await page.textContent('#engine-version'), new RegExp(`seqlab ${version.replace(/\./g, '\\.')}`));
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
