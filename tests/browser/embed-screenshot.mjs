// Screenshots of the example course page (docs/examples/course-page.html) with its two demos, served as the
// browser test serves it: seqlab on localhost, the course page on 127.0.0.1 (another origin).
// Usage: node tests/browser/embed-screenshot.mjs [seconds of training, default 8]
// Writes docs/embedding-example.png (the page) and docs/embedding-demo.png (the first demo, close up).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { chromiumPath } from './browser.mjs';

const seconds = Number(process.argv[2] || 8);
const docs = new URL('../../docs/', import.meta.url);
const seqlab = await startServer(0);
const seqlabOrigin = `http://localhost:${seqlab.address().port}`;
const host = createServer((request, response) => {
  const name = new URL(request.url, 'http://host').pathname.slice(1);
  if (!['course-page.html', 'course-page.css'].includes(name)) { response.writeHead(404).end(); return; }
  const text = readFileSync(new URL(`examples/${name}`, docs), 'utf8').replaceAll('http://localhost:8080', seqlabOrigin);
  response.writeHead(200, { 'Content-Type': name.endsWith('.css') ? 'text/css' : 'text/html; charset=utf-8' }).end(text);
});
await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'] });
try {
  // Tall enough for the whole page: Chromium does not paint a cross-origin frame that is out of view, so a
  // full-page screenshot of a short viewport shows the lower demo blank.
  const page = await browser.newPage({ viewport: { width: 1000, height: 2600 } });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`http://127.0.0.1:${host.address().port}/course-page.html`);
  const frame = await (await page.waitForSelector('#gru-demo iframe', { state: 'attached' })).contentFrame();
  await frame.waitForSelector('#train-panel[data-points]', { timeout: 30000 });
  await page.waitForTimeout(seconds * 1000);
  await frame.click('#gen-run').catch(() => {});
  await frame.waitForFunction(() => document.querySelector('#gen-output').textContent, null, { polling: 250 })
    .catch(() => {});
  await page.waitForTimeout(2000);   // the frame reports its new height and paints
  const bottom = await page.evaluate(() => Math.ceil(document.querySelector('main').getBoundingClientRect().bottom));
  await page.screenshot({ path: new URL('embedding-example.png', docs).pathname,
    clip: { x: 0, y: 0, width: 1000, height: bottom } });
  await page.locator('#gru-demo').screenshot({ path: new URL('embedding-demo.png', docs).pathname });
  console.log(JSON.stringify({ saved: ['docs/embedding-example.png', 'docs/embedding-demo.png'], errors }));
} finally {
  await browser.close();
  seqlab.close();
  host.close();
}
