// <seqlab-demo> from another origin: the example course page (docs/examples/course-page.html, one script
// tag, two elements with different presets and panels, its own strict CSP) is served from 127.0.0.1 on one
// port and seqlab from localhost on another. Both demos render only their panels, both train, nothing is
// thrown into the host page, the host's CSP holds (and is in force), nothing loads from a third origin,
// each frame's height follows its content, and bad attributes are reported inside the element.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { chromiumPath } from './browser.mjs';
import { axeViolations, describeViolations } from './axe.mjs';

const examples = new URL('../../docs/examples/', import.meta.url);
/** The origin the example page names for seqlab; the test serves seqlab elsewhere and rewrites it. */
const EXAMPLE_ORIGIN = 'http://localhost:8080';

/** The course page's own server: the example page and its stylesheet, with seqlab's real origin. */
function startHost(seqlabOrigin) {
  const files = {
    '/course-page.html': ['text/html; charset=utf-8', 'course-page.html'],
    '/course-page.css': ['text/css; charset=utf-8', 'course-page.css'],
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://host').pathname;
    // The browser asks every origin for an icon; the course page has none.
    if (path === '/favicon.ico') { response.writeHead(204).end(); return; }
    const file = files[path];
    if (!file) { response.writeHead(404).end(); return; }
    const text = readFileSync(new URL(file[1], examples), 'utf8').replaceAll(EXAMPLE_ORIGIN, seqlabOrigin);
    response.writeHead(200, { 'Content-Type': file[0] }).end(text);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The frame of the element `id`, once its embed page has loaded. */
async function frameOf(page, id) {
  const handle = await page.waitForSelector(`#${id} iframe`, { state: 'attached' });
  const frame = await handle.contentFrame();
  await frame.waitForFunction(() => document.querySelector('#train-panel'), null, { timeout: 60000, polling: 250 });
  return frame;
}

// Waits inside a frame poll on a timer: a frame that is out of view gets no animation frames to poll on.

/** Waits until the frame's network has reported `count` progress points with a moving perplexity. */
function trains(frame, count = 2) {
  return frame.waitForFunction((n) => {
    const panel = document.querySelector('#train-panel');
    return Number(panel.dataset.points) >= n && panel.dataset.lastTrainPpl !== panel.dataset.firstTrainPpl;
  }, count, { timeout: 180000, polling: 250 });
}

/** Which of the page's parts a frame shows. */
function shown(frame) {
  return frame.evaluate(() => {
    const visible = (selector) => {
      const element = document.querySelector(selector);
      return Boolean(element && element.offsetParent !== null && element.getClientRects().length);
    };
    return { corpus: visible('#corpus-panel'), ngram: visible('#ngram-panel'), train: visible('#train-chart'),
      generate: visible('#gen-run'), gradients: visible('#grad-panel'), lab: visible('#lab-panel') };
  });
}

/** The iframe's height in the host page, in CSS pixels. */
function frameHeight(page, id) {
  return page.$eval(`#${id}`, (element) => element.shadowRoot.querySelector('iframe').getBoundingClientRect().height);
}

test('two <seqlab-demo> elements on a course page of another origin, under its own strict CSP', async () => {
  const seqlab = await startServer(0);
  const seqlabOrigin = `http://localhost:${seqlab.address().port}`;
  const host = await startHost(seqlabOrigin);
  const hostOrigin = `http://127.0.0.1:${host.address().port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const hostErrors = [];
    page.on('pageerror', (error) => hostErrors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => { if (message.type() === 'error') hostErrors.push(message.text()); });
    page.on('response', (response) => { if (response.status() >= 400) hostErrors.push(`HTTP ${response.status()} ${response.url()}`); });
    const origins = new Set();
    page.on('request', (request) => { if (/^https?:/.test(request.url())) origins.add(new URL(request.url()).origin); });
    // Records the CSP violations of every document (the host's and the frames'); runs before the page's scripts.
    await page.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${hostOrigin}/course-page.html`);

    // One script tag, two elements, each with its own frame of the seqlab origin.
    assert.equal(await page.$$eval('script', (scripts) => scripts.length), 1);
    assert.equal(await page.$$eval('seqlab-demo', (demos) => demos.length), 2);
    const gru = await frameOf(page, 'gru-demo');
    const rnn = await frameOf(page, 'rnn-demo');
    assert.equal(new URL(gru.url()).origin, seqlabOrigin);
    assert.match(gru.url(), /embed\.html\?preset=d2l-gru&panels=train%2Cgenerate&lock=cell%2Chidden$/);
    assert.match(rnn.url(), /preset=d2l-rnn-concise&panels=train%2Cgradients/);

    // Both train.
    await Promise.all([trains(gru), trains(rnn)]);

    // Each renders only its panels.
    assert.deepEqual(await shown(gru),
      { corpus: false, ngram: false, train: true, generate: true, gradients: false, lab: false });
    assert.deepEqual(await shown(rnn),
      { corpus: false, ngram: false, train: true, generate: false, gradients: true, lab: false });
    // The presets' settings, the locks, and the book's figure beside the curve.
    assert.equal(await gru.inputValue('select[data-prop="cell"]'), 'gru');
    assert.equal(await gru.inputValue('input[data-prop="hidden"]'), '256');
    assert.equal(await gru.$eval('select[data-prop="cell"]', (s) => s.disabled), true);
    assert.equal(await gru.$eval('input[data-prop="hidden"]', (i) => i.readOnly), true);
    assert.equal(await gru.$eval('input[data-prop="lr"]', (i) => i.readOnly || i.disabled), false);
    assert.equal(await rnn.inputValue('select[data-prop="cell"]'), 'rnn');
    assert.match(await gru.textContent('#book-note'), /book: 1\.1/);
    await gru.waitForFunction(() => document.querySelector('#book-note .run-ppl[data-perplexity]'), null, { polling: 250 });
    // "open in seqlab" carries the state to the full page.
    const open = await gru.getAttribute('#open-in-seqlab', 'href');
    assert.equal(new URL(open).origin, seqlabOrigin);
    assert.match(open, /\/index\.html\?preset=d2l-gru$/);

    // Each frame's height follows its content: it is the height the frame reports, and grows and shrinks
    // with it (no scroll bar inside the frame).
    for (const [id, frame] of [['gru-demo', gru], ['rnn-demo', rnn]]) {
      await page.waitForFunction(({ id }) => {
        const frameElement = document.getElementById(id).shadowRoot.querySelector('iframe');
        return frameElement.getBoundingClientRect().height > 360 || frameElement.style.height !== '360px';
      }, { id });
      const reported = Number(await frame.evaluate(() => document.documentElement.dataset.reportedHeight));
      assert.ok(Math.abs(await frameHeight(page, id) - reported) <= 1, `${id}: the frame is as tall as its content`);
      assert.ok(await frame.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1),
        `${id}: no scroll bar inside the frame`);
    }
    const before = await frameHeight(page, 'rnn-demo');
    await rnn.evaluate(() => {
      const block = document.createElement('div');
      block.id = 'grow';
      block.className = 'panel';
      block.textContent = 'more content';
      block.style.height = '400px';
      document.querySelector('main').append(block);
    });
    await page.waitForFunction((h) => document.getElementById('rnn-demo').shadowRoot.querySelector('iframe')
      .getBoundingClientRect().height >= h + 390, before);
    await rnn.evaluate(() => document.querySelector('#grow').remove());
    await page.waitForFunction((h) => Math.abs(document.getElementById('rnn-demo').shadowRoot.querySelector('iframe')
      .getBoundingClientRect().height - h) <= 1, before);

    // WCAG 2.2 AA on the course page and inside a trained demo's frame.
    for (const [where, target] of [['the course page', page], ['the GRU demo frame', gru]]) {
      const violations = await axeViolations(target);
      assert.deepEqual(violations.map((v) => v.id), [], `${where}:\n${describeViolations(violations)}`);
    }

    // Height messages that are not the demo's own are dropped: one the host page posts to itself (the right
    // origin for nothing, the wrong source) and one from another frame of the seqlab origin (the right origin,
    // the wrong source). The demo's own are clamped to [60, 20000] px and must be numbers. Each forged message
    // is followed by a marker from the same window: once the marker has arrived, the message was handled.
    await page.evaluate(() => window.addEventListener('message', (e) => { if (e.data === 'marker') window.markers = (window.markers ?? 0) + 1; }));
    const postThenMark = async (from, data) => {
      const seen = await page.evaluate(() => window.markers ?? 0);
      await from.evaluate((message) => { window.parent.postMessage(message, '*'); window.parent.postMessage('marker', '*'); }, data);
      await page.waitForFunction((n) => (window.markers ?? 0) > n, seen);
    };
    const settled = await frameHeight(page, 'rnn-demo');
    await page.evaluate(() => { window.postMessage({ type: 'seqlab:height', height: 3000 }, '*'); window.postMessage('marker', '*'); });
    await page.waitForFunction(() => (window.markers ?? 0) > 0);
    assert.equal(await frameHeight(page, 'rnn-demo'), settled, 'a message the host posts to itself is dropped');
    await postThenMark(gru, { type: 'seqlab:height', height: 2900 });
    assert.equal(await frameHeight(page, 'rnn-demo'), settled, "another seqlab frame's message is dropped");
    await postThenMark(rnn, { type: 'seqlab:height', height: 1e9 });
    assert.equal(await frameHeight(page, 'rnn-demo'), 20000, 'a huge height is clamped to 20000 px');
    await postThenMark(rnn, { type: 'seqlab:height', height: -5 });
    assert.equal(await frameHeight(page, 'rnn-demo'), 60, 'a negative height is clamped to 60 px');
    await postThenMark(rnn, { type: 'seqlab:height', height: '700' });
    await postThenMark(rnn, { type: 'seqlab:height', height: Number.NaN });
    await postThenMark(rnn, { type: 'other', height: 700 });
    assert.equal(await frameHeight(page, 'rnn-demo'), 60, 'a height that is not a number, or another type, is dropped');
    await postThenMark(rnn, { type: 'seqlab:height', height: settled });
    assert.equal(await frameHeight(page, 'rnn-demo'), settled);

    // Nothing thrown or refused in the host page or the frames, and nothing from a third origin.
    assert.deepEqual(hostErrors, []);
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    assert.deepEqual(await gru.evaluate(() => window.cspViolations), []);
    assert.deepEqual([...origins].sort(), [hostOrigin, seqlabOrigin].sort());

    // The host's CSP is in force: an inline script is refused there.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
    });
    assert.equal(await page.evaluate(() => window.inlineRan), undefined);
    assert.match((await page.evaluate(() => window.cspViolations)).join(), /script-src/);

    // Bad attributes are listed inside the element (and bad values inside its frame), never thrown.
    const errorsBefore = hostErrors.filter((e) => !/Content Security Policy/.test(e)).length;
    await page.evaluate(() => {
      const demo = document.createElement('seqlab-demo');
      demo.id = 'bad-demo';
      for (const [name, value] of [['preset', 'd2l-nope'], ['panels', 'train,charts'], ['hiddn', '3'],
        ['hidden', 'many'], ['autostart', '0']]) demo.setAttribute(name, value);
      document.querySelector('main').append(demo);
    });
    await page.waitForSelector('#bad-demo ul[role="alert"] li');
    const problems = await page.$$eval('#bad-demo ul[role="alert"] li', (items) => items.map((i) => i.textContent));
    assert.equal(problems.length, 3, problems.join(' | '));
    assert.match(problems.join('\n'), /preset="d2l-nope" is not a preset/);
    assert.match(problems.join('\n'), /panels: 'charts' is not a panel/);
    assert.match(problems.join('\n'), /'hiddn' is not a setting/);
    const bad = await frameOf(page, 'bad-demo');
    await bad.waitForFunction(() => document.querySelector('#error-banner:not([hidden])'), null,
      { timeout: 60000, polling: 250 });
    assert.match(await bad.textContent('#error-banner'), /hidden must be a decimal number \(got 'many'\)/);
    assert.equal(hostErrors.filter((e) => !/Content Security Policy/.test(e)).length, errorsBefore);
  } finally {
    await browser.close();
    await new Promise((resolve) => seqlab.close(resolve));
    await new Promise((resolve) => host.close(resolve));
  }
});
