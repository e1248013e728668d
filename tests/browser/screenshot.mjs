// Takes docs/screenshot.png: the playground at 1280x900 after a few seconds of the default training.
// Usage: node tests/browser/screenshot.mjs [output.png] [seconds] [query] [width] [height] [section]
// With a section (a CSS selector such as #lab-panel), only that element is taken, scrolled into view.
import { openPlayground } from './browser.mjs';

const output = process.argv[2] || new URL('../../docs/screenshot.png', import.meta.url).pathname;
const seconds = Number(process.argv[3] || 6);
const query = process.argv[4] || '/';
const width = Number(process.argv[5] || 1280);
const height = Number(process.argv[6] || 900);
const section = process.argv[7];

const session = await openPlayground(query);
try {
  const { page, errors } = session;
  await page.setViewportSize({ width, height });
  await page.waitForSelector('#corpus-panel[data-tokens]', { timeout: 20000 });
  // A lab trains only while it is on screen: show the section first, then wait.
  if (section) await page.locator(section).scrollIntoViewIfNeeded();
  await page.waitForTimeout(seconds * 1000);
  if (await page.$('#gen-run')) {
    await page.click('#gen-run').catch(() => {});
    await page.waitForTimeout(500);
  }
  if (section) {
    await page.locator(section).screenshot({ path: output });
  } else {
    // Generate scrolled its button into view: the page from its top.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: output });
  }
  console.log(JSON.stringify({ output, errors }));
} finally {
  await session.close();
}
