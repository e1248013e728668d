// The Gradients lab on its development page (web/lab-demo.html, fixture data): the three cells' flow curves
// are drawn; moving the rho slider past 1 flips the sign of the linear RNN's slope; the gates heatmap has one
// column per character and reads its values by keyboard; the truncation comparison draws three curves and
// cuts the fixed-tau flow where the count says; the clipping toggle removes theta. Screenshots: /tmp/lab-*.png.
// First, that the demo's fixtures are honest: the JS reference's backward equals finite differences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './browser.mjs';
import { encode, makeCell, forward, backwardLastStep, lastStepLoss, minibatchRows } from '../../web/js/lab/reference-bptt.js';
import { saturatedShare, flowMessage, gatesMessage } from '../../web/js/worker/lab-messages.js';

const SNIPPET = 'you must follow me carefully i shall';  // the demo's snippet: 35 inputs + 1 target
const T = SNIPPET.length - 1;

test('the demo reference: ||dl_T/dh_t|| equals central finite differences for the RNN, GRU and LSTM', () => {
  const { vocab, ids } = encode(SNIPPET);
  const inputs = ids.slice(0, 20);
  const target = ids[20];
  for (const [kind, biases] of [['rnn', {}], ['gru', { z: -1 }], ['lstm', { f: 1 }]]) {
    const cell = makeCell(kind, vocab.length, 6, 3, biases);
    const steps = forward(cell, inputs);
    const { norms, paths } = backwardLastStep(cell, steps, target);
    for (const t of [2, 9, 15, 19]) {
      // l_T as a function of h_t alone: run the remaining steps from the perturbed h_t (c_t held).
      const loss = (j, eps) => {
        const h = steps[t - 1].h.slice();
        h[j] += eps;
        return lastStepLoss(cell, forward(cell, inputs.slice(t), h, steps[t - 1].c), target);
      };
      const fd = Array.from({ length: 6 }, (_, j) => (loss(j, 1e-6) - loss(j, -1e-6)) / 2e-6);
      const n = Math.hypot(...fd);
      assert.ok(Math.abs(n - norms[t - 1]) <= 1e-5 * n + 1e-9, `${kind} t=${t}: backward ${norms[t - 1]}, finite differences ${n}`);
    }
    if (kind === 'gru') assert.deepEqual(Object.keys(paths[5]), ['direct', 'update', 'candidate', 'reset']);
    if (kind === 'lstm') assert.deepEqual(Object.keys(paths[5]), ['cell', 'rest']);
  }
});

test('the demo reference: D2L iterators, sequential rows continue minibatch k - 1, random rows tile the corpus', () => {
  const [L, B, steps] = [2000, 4, 35];
  const k0 = minibatchRows('sequential', L, B, steps, 0, 3);
  const k1 = minibatchRows('sequential', L, B, steps, 1, 3);
  k1.forEach((row, b) => {
    assert.equal(row.start, k0[b].start + steps);
    assert.equal(row.carriedFromPrevious, true);
  });
  assert.ok(k0.every((row) => !row.carriedFromPrevious));
  // Random: all minibatches of an epoch together are distinct windows on one grid of step T.
  const all = Array.from({ length: 13 }, (_, k) => minibatchRows('random', L, B, steps, k, 3)).flat();
  const offset = Math.min(...all.map((r) => r.start)) % steps;
  assert.ok(all.every((r) => (r.start - offset) % steps === 0 && !r.carriedFromPrevious && r.start + steps < L));
  assert.equal(new Set(all.map((r) => r.start)).size, all.length);
});

test('lab-messages: saturated share, flow and gates messages from engine-shaped results', () => {
  // 0.01 and 0.99 are saturated, 0.05 and 0.95 are not (strict limits), 0.5 is not: 2 of 6 plus 1 of 2.
  const share = saturatedShare({ 'l0.z': new Float32Array([0.01, 0.05, 0.5, 0.95, 0.99, 0.3]), 'l0.r': [[0.001], [0.6]] });
  assert.equal(share, 3 / 8);
  assert.ok(Number.isNaN(saturatedShare({})));
  const flow = flowMessage({ rnn: [[1, 2], [0.5, 1, 2]], gru: [[3, 4, 5]], lstm: [] });
  assert.deepEqual(flow, { T: 3, cells: { rnn: { norms: [0.5, 1, 2] }, gru: { norms: [3, 4, 5] } } });
  const gates = gatesMessage('ab', { 'l0.z': new Float32Array([0.25, 0.5, 0.75, 1]) });
  assert.deepEqual(gates, { text: ['a', 'b'], gates: { 'l0.z': [0.25, 0.5, 0.75, 1] }, saturation: [] });
  assert.throws(() => gatesMessage('abc', { 'l0.z': [1, 2, 3, 4] }), /l0\.z has 4 values, not a multiple of the 3 characters/);
});

/** The (x, y) pixel points of an SVG path "Mx yLx y...". */
function pathPoints(d) {
  return [...d.matchAll(/[ML]([-\d.]+) ([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Sign of the drawn slope in data terms (SVG y points down): +1 when the curve rises to the right. */
async function drawnSlope(page, selector) {
  const points = pathPoints(await page.getAttribute(selector, 'd'));
  const left = points.reduce((a, p) => (p[0] < a[0] ? p : a));
  const right = points.reduce((a, p) => (p[0] > a[0] ? p : a));
  return Math.sign(left[1] - right[1]);
}

async function setRho(page, rho) {
  const before = Number(await page.getAttribute('#lab-view-linear', 'data-updated'));
  await page.$eval('#lab-rho', (input, value) => {
    input.value = String(value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, rho);
  await page.waitForFunction((n) => Number(document.querySelector('#lab-view-linear').dataset.updated) > n, before);
}

test('the lab demo draws the cells, the slider flips the slope, one heatmap column per character, three truncation curves', async () => {
  const session = await openPlayground('/lab-demo.html');
  try {
    const { page, errors } = session;
    await page.waitForSelector('body[data-ready="true"]', { timeout: 10000 });
    await page.screenshot({ path: '/tmp/lab-demo.png', fullPage: true });

    // 1. Three cells' flow curves, one point per step.
    const series = await page.$$eval('[data-chart="flow"] path[data-series]',
      (paths) => paths.map((p) => [p.dataset.series, Number(p.dataset.points), p.getAttribute('d').length]));
    assert.deepEqual(series.map((s) => s[0]), ['rnn', 'gru', 'lstm']);
    for (const [name, points, length] of series) {
      assert.equal(points, T, `${name} has ${points} points`);
      assert.ok(length > 20, `${name} path is drawn`);
    }

    // 2. The rho slider: below 1 the measured curve falls with the distance, above 1 it rises.
    await page.click('#lab-tab-linear');
    await setRho(page, 0.8);
    const measured = '[data-chart="linear"] path[data-series="measured"]';
    assert.equal(await drawnSlope(page, measured), -1, 'rho 0.8: falls with the distance');
    assert.equal(await drawnSlope(page, '[data-chart="linear"] path[data-series="prediction"]'), -1);
    await page.screenshot({ path: '/tmp/lab-linear-0.8.png' });
    await setRho(page, 1.2);
    assert.equal(await drawnSlope(page, measured), 1, 'rho 1.2: rises with the distance');
    assert.match(await page.textContent('#lab-rho-value'), /^1\.20$/);
    assert.match(await page.textContent('#lab-view-linear .lab-readout'), /×1\.2 per step/);
    assert.ok(await page.$('#lab-view-linear math'), 'the formula is rendered as MathML');
    await page.screenshot({ path: '/tmp/lab-linear-1.2.png' });

    // 3. The heatmap: one column per character, the characters printed, values by keyboard.
    await page.click('#lab-tab-gates');
    const heat = '[data-chart="gates"] svg';
    assert.equal(Number(await page.getAttribute(heat, 'data-columns')), T);
    const chars = await page.$$eval(`${heat} .heat-char`, (nodes) => nodes.map((n) => n.textContent));
    assert.equal(chars.length, T);
    assert.equal(chars.join('').replaceAll('␣', ' '), SNIPPET.slice(0, T));
    assert.equal(Number(await page.getAttribute(heat, 'data-rows')), 2 * 16, 'GRU z and r, H = 16');
    await page.focus('[data-chart="gates"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const readout = await page.textContent('#lab-view-gates .lab-readout');
    assert.match(readout, /^l0\.z unit 1, t = 3, character 'u': 0\.\d+/, readout);
    await page.keyboard.press('PageDown');
    assert.match(await page.textContent('#lab-view-gates .lab-readout'), /^l0\.r unit 1, t = 3/);
    const under = await page.locator(`${heat} .heat-char[data-column="10"]`).boundingBox();
    await page.mouse.move(under.x + under.width / 2, under.y - 12);  // the last row of the heatmap, column 10
    assert.match(await page.textContent('#lab-view-gates .lab-readout'), /, t = 11, character 'o'/);
    await page.screenshot({ path: '/tmp/lab-gates.png' });

    // 4. Truncation: three training curves and three flow curves with the random band; the fixed curve stops
    // at the last cut: with tau dividing into T at 30 (tau 10), steps t = 30..35 are reached, 6 points.
    await page.click('#lab-tab-trunc');
    const train = await page.$$eval('[data-chart="trunc-train"] path[data-series]',
      (paths) => paths.map((p) => [p.dataset.series, Number(p.dataset.points)]));
    assert.deepEqual(train.map((s) => s[0]), ['full', 'fixed', 'random']);
    assert.ok(train.every((s) => s[1] > 1));
    assert.equal(await page.$$eval('[data-chart="trunc-flow"] path[data-series]', (p) => p.length), 3);
    assert.ok((await page.getAttribute('[data-chart="trunc-flow"] path[data-band="random"]', 'd')).length > 10);
    const fixedPoints = async () => Number(await page.getAttribute('[data-chart="trunc-flow"] path[data-series="fixed"]', 'data-points'));
    assert.equal(await fixedPoints(), T - Math.floor(T / 10) * 10 + 1);
    await page.fill('#lab-tau', '8');
    await page.click('#lab-trunc-start');
    await page.waitForFunction(() => document.querySelector('[data-chart="trunc-flow"] path[data-series="fixed"]').dataset.points === '4');
    assert.equal(await fixedPoints(), T - Math.floor(T / 8) * 8 + 1);
    await page.fill('#lab-pi', '0');
    await page.click('#lab-trunc-start');
    assert.match(await page.textContent('#lab-view-trunc [role="alert"]'), /π must be in \(0, 1\], got 0/);
    await page.screenshot({ path: '/tmp/lab-trunc.png' });

    // 5. Clipping: theta is drawn; the toggle turns it off.
    await page.click('#lab-tab-clip');
    assert.equal(await page.$$eval('[data-chart="clip"] line.reference', (l) => l.length), 1);
    await page.uncheck('#lab-clip-on');
    await page.waitForFunction(() => document.querySelectorAll('[data-chart="clip"] line.reference').length === 0);
    assert.match(await page.textContent('#lab-view-clip .lab-readout'), /clipping is off/);

    // The tabs follow the keyboard (arrow keys move the selection).
    await page.focus('#lab-tab-clip');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getAttribute('#lab-tab-gates', 'aria-selected'), 'true');
    assert.equal(await page.isHidden('#lab-view-clip'), true);

    for (const tab of ['flow', 'paths', 'batches']) {
      await page.click(`#lab-tab-${tab}`);
      await page.screenshot({ path: `/tmp/lab-${tab}.png` });
    }
    assert.equal(await page.$$eval('[data-chart="batches"] .batch-block .batch-window', (r) => r.length), 8, 'B = 4 rows per iterator');
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('the lab demo with an LSTM: the cell path against the rest, and the i, f, o gates as heatmap rows', async () => {
  const session = await openPlayground('/lab-demo.html?paths=lstm&gates=lstm&tab=paths');
  try {
    const { page, errors } = session;
    await page.waitForSelector('body[data-ready="true"]', { timeout: 10000 });
    const bands = await page.$$eval('[data-chart="paths"] path[data-band]', (paths) => paths.map((p) => p.dataset.band));
    assert.deepEqual(bands, ['cell', 'rest']);
    await page.check('#lab-paths-share');
    // Shares: the top of the stack is 1 at every step, so its drawn line is flat.
    const top = await page.getAttribute('[data-chart="paths"] path[data-series="rest"]', 'd');
    const ys = new Set([...top.matchAll(/[ML][-\d.]+ ([-\d.]+)/g)].map((m) => m[1]));
    assert.equal(ys.size, 1, `the stacked shares end at one height: ${[...ys].join(', ')}`);
    await page.screenshot({ path: '/tmp/lab-paths-lstm.png' });
    await page.click('#lab-tab-gates');
    assert.equal(Number(await page.getAttribute('[data-chart="gates"] svg', 'data-rows')), 3 * 16, 'LSTM i, f, o, H = 16');
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
