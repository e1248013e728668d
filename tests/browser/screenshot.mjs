// Takes docs/screenshot.png: the playground at 1400x1000 after a few seconds of the default training.
// Usage: node tests/browser/screenshot.mjs [output.png] [seconds] [query]
import { openPlayground } from './browser.mjs';

const output = process.argv[2] || new URL('../../docs/screenshot.png', import.meta.url).pathname;
const seconds = Number(process.argv[3] || 6);
const query = process.argv[4] || '/';

const session = await openPlayground(query);
try {
  const { page, errors } = session;
  await page.waitForSelector('#corpus-panel[data-tokens]', { timeout: 20000 });
  await page.waitForTimeout(seconds * 1000);
  if (await page.$('#gen-run')) {
    await page.click('#gen-run').catch(() => {});
    await page.waitForTimeout(500);
  }
  await page.screenshot({ path: output });
  console.log(JSON.stringify({ output, errors }));
} finally {
  await session.close();
}
