// WCAG 2.2 AA on the page (issue "a page made for teaching"): axe finds nothing on the page with data in its
// charts, on every Gradients-lab tab, in the Memory lab, on embed.html and on the lab's demo page; the labs'
// charts are at least 600 px wide on a 1280 px window and nothing scrolls sideways at 360 px; a keyboard-only
// journey starts training, switches lab tabs, moves the ρ slider (the chart follows), pauses and exports the
// run; the live region announces the start and the end of a run. No wall-clock assertion: every wait is for
// a condition, with a generous timeout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './browser.mjs';
import { axeViolations, describeViolations } from './axe.mjs';

const LAB_TABS = ['flow', 'linear', 'paths', 'trunc', 'clip', 'gates', 'batches'];

async function assertNoViolations(pageOrFrame, where, include) {
  const violations = await axeViolations(pageOrFrame, { include });
  assert.deepEqual(violations.map((v) => v.id), [], `${where}:\n${describeViolations(violations)}`);
}

const trainedPoints = (page, n) => page.waitForFunction((min) => Number(document.querySelector('#train-panel').dataset.points) > min,
  n, { timeout: 90000 });

/** Waits until the lab view `tab` has drawn data at least once. */
const labViewDrawn = (page, tab) => page.waitForFunction((t) => Number(document.querySelector(`#lab-view-${t}`).dataset.updated) > 0,
  tab, { timeout: 90000 });

test('axe (WCAG 2.0-2.2 A/AA) finds no violation on the page, each lab tab and the Memory lab, with data in the charts', async () => {
  const session = await openPlayground('/');
  try {
    const { page, errors } = session;
    await page.setViewportSize({ width: 1280, height: 900 });
    await trainedPoints(page, 3);
    await page.waitForSelector('#ngram-ppl-chart svg .bar', { timeout: 30000 });
    await assertNoViolations(page, 'the page while training');
    for (const tab of LAB_TABS) {
      await page.click(`#lab-tab-${tab}`);
      // The truncation comparison draws once the student runs it.
      if (tab === 'trunc') await page.click('#lab-trunc-start');
      await labViewDrawn(page, tab);
      await assertNoViolations(page, `the lab's ${tab} tab`, '#lab-panel');
    }
    await page.locator('#memory-panel').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => Number(document.querySelector('#memory-panel').dataset.updated) > 1, null, { timeout: 90000 });
    await assertNoViolations(page, 'the Memory lab racing', '#memory-panel');
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('axe finds no violation on embed.html (a preset) and on the lab demo page', async () => {
  const session = await openPlayground('/embed.html?preset=d2l-bptt');
  try {
    const { page, errors, url } = session;
    await trainedPoints(page, 2);
    await assertNoViolations(page, 'embed.html?preset=d2l-bptt');
    await page.goto(new URL('/lab-demo.html', url).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    await assertNoViolations(page, 'lab-demo.html');
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('the labs\' charts are at least 600 px wide at 1280 px, and nothing scrolls sideways at 360 px', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page } = session;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForSelector('#lab-panel #lab-tab-flow', { timeout: 30000 });
    await page.locator('#memory-panel').scrollIntoViewIfNeeded();
    await page.waitForSelector('#memory-panel svg.chart', { timeout: 30000 });
    const widths = await page.$$eval('#lab-panel svg.chart, #memory-panel svg.chart', (charts) => charts
      .filter((c) => c.getClientRects().length > 0)
      .map((c) => [c.closest('[data-chart], [id]')?.id || c.closest('[data-chart]')?.dataset.chart, Math.round(c.getBoundingClientRect().width)]));
    assert.ok(widths.length >= 3, `lab and memory charts on screen: ${JSON.stringify(widths)}`);
    for (const [name, width] of widths) assert.ok(width >= 600, `${name} is ${width} px wide at 1280 px`);

    await page.setViewportSize({ width: 360, height: 800 });
    await page.waitForFunction(() => document.documentElement.clientWidth === 360);
    const overflow = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      wider: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 361)
        .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`),
    }));
    assert.equal(overflow.scroll, 360, `horizontal scroll at 360 px: ${overflow.wider.join(', ')}`);
  } finally {
    await session.close();
  }
});

/** Presses Tab (or Shift+Tab) until `selector` has the focus; fails after `limit` presses. */
async function tabTo(page, selector, { back = false, limit = 120 } = {}) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return i;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${selector} not reached in ${limit} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** The sign of the drawn slope of an SVG path (SVG y points down): +1 when the curve rises to the right. */
async function drawnSlope(page, selector) {
  const d = await page.getAttribute(selector, 'd');
  const points = [...d.matchAll(/[ML]([-\d.]+)[ ,]([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const left = points.reduce((a, p) => (p[0] < a[0] ? p : a));
  const right = points.reduce((a, p) => (p[0] > a[0] ? p : a));
  return Math.sign(left[1] - right[1]);
}

test('keyboard only: start training, switch lab tabs, move ρ (the chart follows), pause, export; the live region announces', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForSelector('#train-state:text("ready")', { timeout: 60000 });
    await page.waitForSelector('#lab-panel #lab-tab-flow', { timeout: 30000 });
    // Every sentence the live region reads, in order.
    await page.evaluate(() => {
      window.announced = [];
      const region = document.querySelector('#announcer');
      new MutationObserver(() => window.announced.push(region.textContent.trim())).observe(region, { childList: true, characterData: true, subtree: true });
    });
    const announced = () => page.evaluate(() => window.announced);

    // Start, from the top of the page.
    await page.evaluate(() => document.activeElement?.blur());
    await tabTo(page, '#train-start');
    await page.keyboard.press('Enter');
    await trainedPoints(page, 2);
    await page.waitForFunction(() => window.announced.some((t) => /^Training (started|resumed)/.test(t)), null, { timeout: 10000 });

    // The lab's tabs: one Tab stop, arrow keys move between them (the ARIA tab pattern).
    await tabTo(page, '#lab-panel [role="tab"][aria-selected="true"]');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'lab-tab-linear');
    assert.equal(await page.getAttribute('#lab-tab-linear', 'aria-selected'), 'true');
    assert.equal(await page.isVisible('#lab-view-linear'), true);
    assert.equal(await page.isVisible('#lab-view-flow'), false);
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'tab');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'lab-tab-linear');

    // The ρ slider: Home and End set 0.5 and 1.5, and the measured curve falls, then rises.
    await tabTo(page, '#lab-rho');
    await page.keyboard.press('Home');
    // The readout is written from the update's own ρ: an update for an earlier value does not count.
    const drawnFor = (rho) => page.waitForFunction((text) => document.querySelector('#lab-view-linear .lab-readout')
      ?.textContent.includes(text), `ρ set ${rho};`, { timeout: 30000 });
    await drawnFor('0.5');
    const measured = '[data-chart="linear"] path[data-series="measured"]';
    assert.equal(await drawnSlope(page, measured), -1, 'ρ 0.5: the gradient falls with the distance');
    await page.keyboard.press('End');
    await drawnFor('1.5');
    assert.equal(await drawnSlope(page, measured), 1, 'ρ 1.5: the gradient grows with the distance');
    await page.keyboard.press('PageDown');
    await page.waitForFunction(() => Number(document.querySelector('#lab-rho').value) < 1.5, null, { timeout: 10000 });

    // Pause (back up the page), then export the curve.
    await tabTo(page, '#train-pause', { back: true });
    await page.keyboard.press('Enter');
    await page.waitForSelector('#train-panel[data-running="false"]', { timeout: 30000 });
    await page.waitForFunction(() => window.announced.some((t) => /^Training paused after [\d,]+ tokens/.test(t)), null, { timeout: 10000 });
    await tabTo(page, '#export-csv');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.keyboard.press('Enter')]);
    assert.match(download.suggestedFilename(), /\.csv$/);

    const sentences = await announced();
    assert.ok(sentences.length <= 6, `the live region spoke ${sentences.length} times: ${JSON.stringify(sentences)}`);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('the Memory race can be paused (WCAG 2.2.2): its charts stop moving until it is resumed', async () => {
  const session = await openPlayground('/?autostart=0');
  try {
    const { page, errors } = session;
    await page.locator('#memory-panel').scrollIntoViewIfNeeded();
    const updates = () => page.getAttribute('#memory-panel', 'data-updated').then(Number);
    await page.waitForFunction(() => Number(document.querySelector('#memory-panel').dataset.updated) > 1, null, { timeout: 90000 });
    await page.focus('#memory-pause');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#memory-pause', 'aria-pressed'), 'true');
    await page.waitForSelector('#memory-panel[data-memory-visible="false"]', { timeout: 10000 });
    // An update already on its way may still arrive; after that, nothing while paused.
    await page.waitForTimeout(1500);
    const held = await updates();
    await page.waitForTimeout(4000);
    assert.equal(await updates(), held, 'no chart update while the race is paused');
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute('#memory-pause', 'aria-pressed'), 'false');
    await page.waitForFunction((n) => Number(document.querySelector('#memory-panel').dataset.updated) > n, held, { timeout: 60000 });
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
