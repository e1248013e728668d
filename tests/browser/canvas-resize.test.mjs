// embed.html in a Canvas page (tests/browser/fixtures/canvas-page.html, another origin): Canvas runs no
// script of the author's, so a frame that asks for it with `resize=lti` posts Canvas's own resize message,
// {subject: 'lti.frameResize', height}, and the page's listener (a stand-in for Canvas's) sizes the iframe
// to it; the height is the frame's document height. A frame that does not ask posts only seqlab's
// {type: 'seqlab:height'}. axe finds nothing in the Canvas-mode frame, and Tab goes through it and out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openHostPage, tabThrough } from './host-page.mjs';
import { axeViolations, describeViolations } from './axe.mjs';

const fixtures = new URL('fixtures/', import.meta.url);
const FILES = {
  '/canvas.html': new URL('canvas-page.html', fixtures),
  '/canvas-page.js': new URL('canvas-page.js', fixtures),
};

/** The frame of iframe `id`, once its embed page shows its panels and settings. */
async function frameOf(page, id) {
  const frame = await (await page.waitForSelector(`#${id}`, { state: 'attached' })).contentFrame();
  await frame.waitForFunction(() => document.documentElement.dataset.panels, null, { timeout: 60000, polling: 250 });
  return frame;
}

/** The messages iframe `id` has posted to the page, by kind. */
function messagesOf(page, id) {
  return page.evaluate((id) => {
    const from = window.messages.filter((m) => m.frame === id).map((m) => m.data);
    return { lti: from.filter((d) => d?.subject === 'lti.frameResize'), seqlab: from.filter((d) => d?.type === 'seqlab:height') };
  }, id);
}

/** Polls `check` (async, true when done) every 250 ms until it is true; fails after `timeout` ms. */
async function until(check, timeout, what) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Adds a block 400 px tall to the frame's page (as a panel that opens would). */
function grow(frame) {
  return frame.evaluate(() => {
    const block = document.createElement('div');
    block.id = 'grow';
    block.style.height = '400px';
    document.querySelector('main').append(block);
  });
}

test("resize=lti posts Canvas's lti.frameResize with the frame's height; a frame that does not ask posts none", async () => {
  const session = await openHostPage(FILES, '/canvas.html');
  try {
    const { page, errors } = session;
    const asks = await frameOf(page, 'asks');
    const silent = await frameOf(page, 'silent');
    assert.match(asks.url(), /resize=lti/);

    // The message is exactly Canvas's: a subject and a height in pixels, a number.
    await page.waitForFunction(() => window.messages.some((m) => m.frame === 'asks' && m.data?.subject), null,
      { timeout: 60000 });
    for (const message of (await messagesOf(page, 'asks')).lti) {
      assert.deepEqual(Object.keys(message), ['subject', 'height']);
      assert.equal(typeof message.height, 'number');
      assert.ok(Number.isFinite(message.height) && message.height > 100, `height ${message.height}`);
    }
    // seqlab's own message is still posted beside it, with the same height.
    const both = await messagesOf(page, 'asks');
    assert.equal(both.seqlab.at(-1).height, both.lti.at(-1).height);

    // Sized by the message, the iframe is as tall as the frame's document: the last height matches the
    // document's within a few pixels, and there is no scroll bar inside the frame.
    const matches = async () => {
      const last = (await messagesOf(page, 'asks')).lti.at(-1).height;
      const documentHeight = await asks.evaluate(() => document.documentElement.scrollHeight);
      const frameHeight = await page.$eval('#asks', (f) => f.getBoundingClientRect().height);
      return Math.abs(last - documentHeight) <= 3 && Math.abs(frameHeight - last) <= 1;
    };
    await until(matches, 60000, "the iframe's height to match its document's");
    // It follows the content: 400 px more, a message at least 390 px taller.
    const before = (await messagesOf(page, 'asks')).lti.at(-1).height;
    await grow(asks);
    await until(async () => (await messagesOf(page, 'asks')).lti.at(-1).height >= before + 390, 60000,
      'a taller lti.frameResize');
    await until(matches, 60000, "the iframe's height to match its document's after it grew");
    await asks.evaluate(() => document.querySelector('#grow').remove());
    await until(async () => Math.abs((await messagesOf(page, 'asks')).lti.at(-1).height - before) <= 3, 60000,
      'the height back where it was');

    // The frame that does not ask: seqlab's message, as it grows too, and never Canvas's.
    await page.waitForFunction(() => window.messages.some((m) => m.frame === 'silent'), null, { timeout: 60000 });
    const silentBefore = (await messagesOf(page, 'silent')).seqlab.at(-1).height;
    await grow(silent);
    await until(async () => (await messagesOf(page, 'silent')).seqlab.at(-1).height >= silentBefore + 390, 60000,
      "the silent frame's taller seqlab:height");
    assert.deepEqual((await messagesOf(page, 'silent')).lti, []);
    assert.equal(await page.$eval('#silent', (f) => f.getBoundingClientRect().height), 600, 'its iframe keeps its height');

    // axe finds nothing in the Canvas-mode frame once its chart has data.
    await asks.waitForFunction(() => Number(document.querySelector('#train-panel').dataset.points) >= 1, null,
      { timeout: 240000, polling: 250 });
    const violations = await axeViolations(asks);
    assert.deepEqual(violations, [], describeViolations(violations));

    // The keyboard goes through both frames and out, both ways.
    await asks.evaluate(() => {
      window.focusedInside = 0;
      document.addEventListener('focusin', () => { window.focusedInside += 1; });
    });
    const presses = await tabThrough(page, '#before', '#after');
    assert.ok(await asks.evaluate(() => window.focusedInside) > 3, 'Tab reached the controls inside the frame');
    assert.ok(presses.forward > 3 && presses.backward > 3, JSON.stringify(presses));

    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
