// No main-thread task over 100 ms: from the navigation through the first trained step and 20 s of training
// with the Gradients lab on screen (its models train and its charts redraw too). Long tasks are read with a
// PerformanceObserver registered before the page's own scripts run; on a failure the test prints each long
// task with the page's milestone (performance mark) just before it.
//
// The page is opened twice in one browser and the second load is measured. On Linux the first layout in a
// fresh renderer process loads the fonts (FontCache::GetFontPlatformData: fontconfig and FreeType, 200 to
// 700 ms in Chromium's trace on this 2-core machine under load), whatever the page draws; a second load of the
// same origin reuses the process. That cost belongs to the browser, and the page cannot split it; every task
// the page's own code makes is measured here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './browser.mjs';

const LONG_TASK_MS = 100;
const TRAINING_MS = 20000;

test('no main-thread task over 100 ms during start-up and 20 s of training with the lab on screen', async () => {
  const session = await openPlayground('/');
  try {
    const { page, errors, url } = session;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForSelector('#m-first-step[data-ms]', { timeout: 60000 });
    await page.goto('about:blank');
    await page.addInitScript(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url);
    await page.waitForSelector('#m-first-step[data-ms]', { timeout: 60000 });
    await page.locator('#lab-panel').scrollIntoViewIfNeeded();
    await page.waitForSelector('#lab-panel[data-lab-visible="true"]', { timeout: 30000 });
    // Exposure, not an assertion on time: 20 s of training and lab updates for a long task to show up in.
    await page.waitForTimeout(TRAINING_MS);
    assert.ok(Number(await page.getAttribute('#lab-view-flow', 'data-updated')) > 0, 'the lab drew while on screen');
    const { tasks, marks } = await page.evaluate(() => ({
      tasks: window.longTasks,
      marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('seqlab:'))
        .map((m) => ({ name: m.name.slice(7), at: m.startTime })),
    }));
    const milestone = (t) => marks.filter((m) => m.at <= t).at(-1)?.name ?? 'navigation';
    const longest = tasks.reduce((a, t) => Math.max(a, t.duration), 0);
    console.log(`# ${tasks.length} tasks over 50 ms, the longest ${longest.toFixed(0)} ms; milestones: ` +
      marks.map((m) => `${m.name} ${m.at.toFixed(0)} ms`).join(', '));
    const over = tasks.filter((t) => t.duration > LONG_TASK_MS);
    assert.deepEqual(over.map((t) => `${t.duration.toFixed(0)} ms at ${t.start.toFixed(0)} ms (after ${milestone(t.start)})`), [],
      'main-thread tasks over 100 ms');
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
