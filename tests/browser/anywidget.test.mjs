// web/seqlab-anywidget.js in a book page of another origin (tests/browser/fixtures/book-page.html), rendered
// as MyST's {anywidget} directive renders it: the module imported from its URL, a model from the directive's
// JSON, `el` in a shadow root. MyST serves its own copy of a remote module, so one widget loads the copy and
// names seqlab with `site`; one imports the module from seqlab itself (as a Jupyter notebook does); one is
// the copy without `site` and says so. The demo trains; a changed trait changes it; the cleanup removes it
// and its listeners; axe finds nothing on the page or in the demo; Tab goes through the demo and out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openHostPage, tabThrough } from './host-page.mjs';
import { axeViolations, describeViolations } from './axe.mjs';

const fixtures = new URL('fixtures/', import.meta.url);
const FILES = {
  '/book.html': new URL('book-page.html', fixtures),
  '/book-page.js': new URL('book-page.js', fixtures),
  // MyST's copy of the remote module, on the book's origin under a name of its own.
  '/build/seqlab-anywidget.mjs': new URL('../../web/seqlab-anywidget.js', import.meta.url),
};

/** The frame of widget `id`'s demo, once its embed page shows its panels and settings. */
async function frameOf(page, id) {
  const handle = await page.waitForFunction((id) => document.getElementById(id).shadowRoot
    ?.querySelector('seqlab-demo')?.shadowRoot?.querySelector('iframe'), id, { timeout: 60000 });
  const frame = await handle.asElement().contentFrame();
  await frame.waitForFunction(() => document.documentElement.dataset.panels, null, { timeout: 60000, polling: 250 });
  return frame;
}

/** The current frame of widget `id` once its URL matches `pattern` (a new frame after a trait changed). */
async function frameMatching(page, id, pattern) {
  await page.waitForFunction(({ id, source }) => new RegExp(source).test(document.getElementById(id).shadowRoot
    .querySelector('seqlab-demo').shadowRoot.querySelector('iframe').src), { id, source: pattern.source },
  { timeout: 60000 });
  const frame = await frameOf(page, id);
  await frame.waitForURL(pattern, { timeout: 60000 });
  return frame;
}

/** Which of the page's parts a frame shows. */
function shown(frame) {
  return frame.evaluate(() => {
    const on = (selector) => Boolean(document.querySelector(selector)?.getClientRects().length);
    return { train: on('#train-chart'), generate: on('#gen-run'), gradients: on('#grad-panel') };
  });
}

/** The training panel's progress: points reported, and the first and last training perplexity. */
function progress(frame) {
  return frame.evaluate(() => {
    const { points, firstTrainPpl, lastTrainPpl } = document.querySelector('#train-panel').dataset;
    return { points: Number(points), first: Number(firstTrainPpl), last: Number(lastTrainPpl) };
  });
}

test('the anywidget module mounts a demo from the model, follows its traits and cleans up', async () => {
  const session = await openHostPage(FILES, '/book.html');
  try {
    const { page, seqlabOrigin, errors } = session;
    await page.waitForFunction(() => document.documentElement.dataset.widgets, null, { timeout: 60000 });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.widgets), 'ready');

    // MyST's copy with `site`: the frame is seqlab's, with the model's traits as its URL (a list joined).
    const book = await frameOf(page, 'book-widget');
    assert.equal(new URL(book.url()).origin, seqlabOrigin);
    assert.match(book.url(), /embed\.html\?preset=d2l-gru&panels=train%2Cgenerate&lock=cell&hidden=64$/);
    assert.equal(await book.inputValue('input[data-prop="hidden"]'), '64', "the model's hidden size");
    assert.equal(await book.inputValue('select[data-prop="cell"]'), 'gru', "the preset's cell");
    assert.equal(await book.$eval('select[data-prop="cell"]', (s) => s.disabled), true, 'locked');
    assert.deepEqual(await shown(book), { train: true, generate: true, gradients: false });

    // It trains: more points, and the training perplexity comes down from its first value.
    await book.waitForFunction(() => {
      const { points, firstTrainPpl, lastTrainPpl } = document.querySelector('#train-panel').dataset;
      return Number(points) >= 3 && Number(lastTrainPpl) < Number(firstTrainPpl);
    }, null, { timeout: 240000, polling: 250 });
    const before = await progress(book);
    await book.waitForFunction((n) => Number(document.querySelector('#train-panel').dataset.points) > n,
      before.points, { timeout: 120000, polling: 250 });
    assert.ok((await progress(book)).last < before.first, 'the perplexity stays below where it started');

    // axe: nothing on the book page, nothing in the trained demo.
    const onPage = await axeViolations(page);
    assert.deepEqual(onPage, [], describeViolations(onPage));
    const inDemo = await axeViolations(book);
    assert.deepEqual(inDemo, [], describeViolations(inDemo));

    // The keyboard goes through the demo's frame and out of it, both ways.
    await book.evaluate(() => {
      window.focusedInside = 0;
      document.addEventListener('focusin', () => { window.focusedInside += 1; });
    });
    const presses = await tabThrough(page, '#before', '#after');
    assert.ok(await book.evaluate(() => window.focusedInside) > 3, 'Tab reached the controls inside the frame');
    assert.ok(presses.forward > 3 && presses.backward > 3, JSON.stringify(presses));

    // The notebook's widget: the module from seqlab itself finds seqlab-demo.js beside it; autostart=false.
    const notebook = await frameOf(page, 'notebook-widget');
    assert.match(notebook.url(), /embed\.html\?preset=d2l-lstm&panels=train&autostart=false$/);
    assert.deepEqual(await shown(notebook), { train: true, generate: false, gradients: false });

    // MyST's copy without `site` says where it looked, in the widget, and throws nothing.
    const lost = await page.evaluate(() => document.getElementById('lost-widget').shadowRoot
      .querySelector('[role="alert"]')?.textContent);
    assert.match(lost, /seqlab: the demo could not load from http:\/\/127\.0\.0\.1:\d+\/build\/ .*"site"/);

    // A changed trait changes the demo: the book widget's panels, in MyST's model (its change event is an
    // Event, not the value).
    await page.evaluate(() => window.widgets['book-widget'].model.set('panels', 'train,gradients'));
    const changed = await frameMatching(page, 'book-widget', /panels=train%2Cgradients/);
    await changed.waitForFunction(() => document.documentElement.dataset.panels === 'train,gradients', null,
      { timeout: 60000, polling: 250 });
    assert.deepEqual(await shown(changed), { train: true, generate: false, gradients: true });
    // And in the notebook's model: a trait set to null leaves the setting out again.
    await page.evaluate(() => window.widgets['notebook-widget'].model.set('autostart', null));
    await frameMatching(page, 'notebook-widget', /embed\.html\?preset=d2l-lstm&panels=train$/);

    // The cleanup removes the element and its frame, and every listener on the model that can be removed.
    const after = await page.evaluate(() => {
      const count = (id) => document.getElementById(id).shadowRoot.querySelectorAll('seqlab-demo, iframe').length;
      window.bookDemo = document.getElementById('book-widget').shadowRoot.querySelector('seqlab-demo');
      const listening = window.widgets['notebook-widget'].model.listenerCount();
      for (const id of ['book-widget', 'notebook-widget', 'lost-widget']) window.widgets[id].cleanup();
      return { listening, listeningAfter: window.widgets['notebook-widget'].model.listenerCount(),
        left: count('book-widget') + count('notebook-widget'),
        lostMessage: Boolean(document.getElementById('lost-widget').shadowRoot.querySelector('[role="alert"]')) };
    });
    assert.ok(after.listening > 30, `the widget watched every trait (${after.listening} listeners)`);
    assert.equal(after.listeningAfter, 0);
    assert.equal(after.left, 0, 'no element, no frame');
    assert.equal(after.lostMessage, false);
    await page.waitForFunction(() => window.frames.length === 0);
    // MyST's model cannot remove a listener: a change after the cleanup reaches nothing.
    assert.equal(await page.evaluate(() => {
      window.widgets['book-widget'].model.set('panels', 'train');
      return window.bookDemo.getAttribute('panels');
    }), 'train,gradients');

    // The only error is the missing module of the widget without `site`.
    assert.deepEqual(errors.filter((e) => !/\/build\/seqlab-demo\.js|404 \(Not Found\)/.test(e)), []);
  } finally {
    await session.close();
  }
});
