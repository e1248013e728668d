// Takes docs/memory.png: the Memory lab's race on the full page (1280 px wide, the page's own training on as a
// visitor finds it) after it has run a while, and prints what the race measured: the summary sentence, the
// steps each model had when the race ended or the time ran out, and the main thread's long tasks while the race ran.
// Usage: node tests/browser/memory-screenshot.mjs [output.png] [max seconds] [query] [lag]
import { openPlayground } from './browser.mjs';

const output = process.argv[2] || new URL('../../docs/memory.png', import.meta.url).pathname;
const seconds = Number(process.argv[3] || 240);
const query = process.argv[4] || '/';
const lag = process.argv[5];

const session = await openPlayground(query);
try {
  const { page, errors } = session;
  await page.setViewportSize({ width: 1280, height: 1000 });
  // Long tasks on the page's main thread (the views redraw there), from the start.
  await page.evaluate(() => {
    window.longestTask = 0;
    window.longTasks = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.longestTask = Math.max(window.longestTask, entry.duration);
        if (entry.duration > 100) window.longTasks += 1;
      }
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.waitForSelector('#memory-panel h2', { timeout: 30000 });
  // The page's own start first (text, statistics, n-grams: their drawing is not the race's).
  if (await page.isVisible('#corpus-panel')) {
    await page.waitForSelector('#corpus-panel[data-tokens]', { timeout: 60000 });
    await page.waitForTimeout(3000);
  }
  await page.$eval('#memory-panel', (s) => s.scrollIntoView());
  if (lag) {
    await page.waitForSelector('#memory-panel[data-race-id]', { timeout: 30000 });
    await page.selectOption('#memory-lag', lag);
  }
  // From here on the page shows the race: count the main thread's long tasks while it runs.
  await page.evaluate(() => { window.longestTask = 0; window.longTasks = 0; });
  const start = Date.now();
  await page.waitForSelector(`#memory-panel[data-finished="true"]${lag ? `[data-lag="${lag}"]` : ''}`,
    { timeout: seconds * 1000 }).catch(() => {});
  const elapsed = (Date.now() - start) / 1000;
  await page.$eval('#memory-panel', (s) => s.scrollIntoView());
  const panel = await page.$('#memory-panel');
  await panel.screenshot({ path: output });
  console.log(JSON.stringify({ output, elapsed, finished: await page.getAttribute('#memory-panel', 'data-finished'),
    status: await page.textContent('#memory-status'), summary: await page.textContent('#memory-summary'),
    report: await page.textContent('#memory-task-report'), longestTaskMs: await page.evaluate(() => window.longestTask),
    tasksOver100ms: await page.evaluate(() => window.longTasks),
    // What the Memory lab's own updates cost (each redraws its three charts and tables once).
    updateMs: await page.evaluate(() => {
      const d = performance.getEntriesByName('seqlab:memory-update').map((m) => m.duration);
      return { count: d.length, max: Math.max(...d), mean: d.reduce((a, b) => a + b, 0) / d.length };
    }),
    errors }, null, 1));
} finally {
  await session.close();
}
