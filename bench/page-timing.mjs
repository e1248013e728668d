// What the start-up bench (scripts/bench-browser.mjs) and tests/browser/long-tasks.test.mjs share to time a
// page's main thread without disturbing it.
// - Waiting: Playwright's own waits (waitForSelector, waitForFunction) first evaluate its injected script in
//   the page, a 60 ms parse and up to 290 ms of main-thread work in a traced cold load on the 2-core AMD EPYC
//   VM (2026-12-07): run during start-up, that task delayed the messages the measured first step waits for and
//   was itself counted as the page's longest task. waitForValue polls with one DevTools `Runtime.evaluate` of
//   an expression instead (well under a millisecond on the page's thread). A mark is a time from navigation:
//   when it is read does not change it.
// - A browser just launched: Chromium 156 builds its omnibox popup (chrome://omnibox-popup.top-chrome) in a
//   renderer of its own, 345 ms of CPU in the 1.7 s after the launch (same trace), which a visitor's running
//   browser has long done; on two cores it took the CPU from the page's first tasks (3-8 times their CPU time
//   in wall time). A page is measured once the browser has settled for BROWSER_SETTLE_MS.

/** How long a browser just launched (or a tab just closed) is left alone before a page is measured. */
export const BROWSER_SETTLE_MS = 3000;

const POLL_MS = 50;

/**
 * Resolves with the value of the JavaScript `expression` in the page once it is neither null nor false
 * (evaluated every POLL_MS).
 * @param {import('playwright-core').Page} page
 * @param {string} expression
 * @param {number} timeoutMs
 */
export async function waitForValue(page, expression, timeoutMs = 60000) {
  const session = await page.context().newCDPSession(page);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const { result } = await session.send('Runtime.evaluate', { expression, returnByValue: true });
      if (result.value !== null && result.value !== undefined && result.value !== false) return result.value;
      if (Date.now() > deadline) throw new Error(`the page did not give ${expression} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    await session.detach().catch(() => {});
  }
}

/**
 * Resolves with the mark's time (ms from navigation) once the page has set it.
 * @param {import('playwright-core').Page} page
 * @param {string} name  a performance mark, e.g. 'seqlab:first-step'
 */
export function waitForMark(page, name, timeoutMs = 60000) {
  return waitForValue(page, `performance.getEntriesByName(${JSON.stringify(name)}, 'mark')[0]?.startTime ?? null`,
    timeoutMs);
}
