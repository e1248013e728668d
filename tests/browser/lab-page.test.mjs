// The Gradients lab on the REAL page, fed by the worker's engine: the three cells' flow curves are drawn
// (one point per step, from the lab's trainers); moving the rho slider past 1 flips the sign of the linear
// RNN's slope; the gates heatmap has one column per character of the validation snippet it prints; the
// truncation comparison draws three training curves and three flow curves with random's band; the
// minibatch view shows both iterators. Screenshots: /tmp/lab-page-*.png.
// The first test runs the worker's handlers in Node and checks the data the page would draw against probes
// of the same weights: the fixed-tau flow 0 at every step before the last cut and the full flow after it,
// the random-truncation mean equal to the full gradient within the standard error of 400 seeded draws, and
// the GRU's path terms against the flow's total by the triangle inequality both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './browser.mjs';
import { waitForCorpus } from './page-helpers.mjs';
import { readFileSync } from 'node:fs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';
import { createContext } from '../../web/js/worker/context.js';
import { corpusHandlers } from '../../web/js/worker/corpus-handlers.js';
import { labHandlers, labDefaults } from '../../web/js/worker/lab-handlers.js';

/** The (x, y) pixel points of an SVG path "Mx yLx y...". */
function pathPoints(d) {
  return [...d.matchAll(/[ML]([-\d.]+) ([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Sign of the drawn slope (SVG y points down): +1 when the curve rises to the right. */
async function drawnSlope(page, selector) {
  const points = pathPoints(await page.getAttribute(selector, 'd'));
  const left = points.reduce((a, p) => (p[0] < a[0] ? p : a));
  const right = points.reduce((a, p) => (p[0] > a[0] ? p : a));
  return Math.sign(left[1] - right[1]);
}

const close = (a, b, rel = 1e-6) => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));

/**
 * The truncation comparison's flows (lab-trunc) against probes of the same weights. Right after lab-trunc
 * the three trainers hold the same untrained weights (one model, one seed), and nothing is awaited here, so
 * the lab's loop cannot train them in between: the full flow of the random run's trainer is the page's.
 */
function checkTruncationFlows(trunc, session, tau, pi) {
  const top = (options) => session.probe('lab:trunc:random', { pathSplit: false, ...options }).hiddenGradNorms.at(-1);
  const full = top({ truncation: 'full' });
  const T = full.length;
  assert.equal(trunc.runs.full.flow.length, T);
  full.forEach((v, t) => assert.ok(v > 0 && close(trunc.runs.full.flow[t], v), `full flow at step ${t}`));
  // Fixed tau: the cuts are the multiples of tau inside the window (5, 10, ..., 30 for T = 35); the last
  // step's gradient reaches back to the last cut unchanged, and every step before it gets exactly 0.
  const lastCut = Math.floor((T - 1) / tau) * tau;
  trunc.runs.fixed.flow.forEach((v, t) => {
    if (t < lastCut) assert.equal(v, 0, `fixed flow at step ${t}, before the last cut ${lastCut}`);
    else assert.ok(close(v, full[t]), `fixed flow at step ${t}, after the last cut: ${v} vs ${full[t]}`);
  });
  // Random: the page's curve is the mean of its draws (seeds 1..8) and its band their range.
  const draws = (seeds) => Array.from({ length: seeds }, (_, i) => top({ truncation: 'random', pi, seed: i + 1 }));
  const pageDraws = draws(8);   // RANDOM_DRAWS of lab-handlers.js
  for (let t = 0; t < T; ++t) {
    const column = pageDraws.map((d) => d[t]);
    const mean = column.reduce((a, b) => a + b, 0) / column.length;
    assert.ok(close(trunc.runs.random.flow[t], mean), `the page's random mean at step ${t}: ${trunc.runs.random.flow[t]} vs ${mean}`);
    assert.equal(trunc.runs.random.flowBand.lo[t], Math.min(...column));
    assert.equal(trunc.runs.random.flowBand.hi[t], Math.max(...column));
  }
  // Randomized truncation is unbiased (E xi_t = pi * 1/pi = 1): over N seeded draws, the mean flow at each
  // step is the full flow within 4 standard errors of the draws. Compared where a step is reached by at
  // least 10 draws on average (pi^d N >= 10, d steps back from the last); further back almost every draw is
  // 0 and the mean says nothing. Without the 1/pi the mean is pi^d of the full flow: 20 standard errors
  // away at d = 1.
  const N = 400;
  const many = draws(N);
  let compared = 0;
  for (let t = T - 1; t >= 0 && pi ** (T - 1 - t) * N >= 10; --t) {
    const column = many.map((d) => d[t]);
    const mean = column.reduce((a, b) => a + b, 0) / N;
    const sd = Math.sqrt(column.reduce((a, b) => a + (b - mean) ** 2, 0) / (N - 1));
    const se = sd / Math.sqrt(N);
    assert.ok(Math.abs(mean - full[t]) <= 4 * se + 1e-6 * full[t],
      `random truncation at step ${t} (${T - 1 - t} back): mean of ${N} draws ${mean}, full ${full[t]}, SE ${se}`);
    ++compared;
  }
  assert.ok(compared >= 5, `${compared} steps compared`);
}

/**
 * The GRU's path terms in the page's data against its flow, both from one postViews (a lab-flow message and
 * the lab-paths that follows it, with no training between). The four terms at index t are vectors summing to
 * the gradient that reaches h_{t-1} through step t, which with the last step's loss alone is all of it; the
 * data holds their norms (mean over rows), so the triangle inequality bounds them both ways: the total is at
 * most the terms' sum, and each term at most the total plus the others. A term computed too large or too
 * small, or the index shifted by a step, breaks one of them.
 */
function checkGruPathsAgainstFlow(events) {
  const flowAt = events.findIndex((e) => e.data.kind === 'lab-flow');
  const pathsEvent = events.slice(flowAt + 1).find((e) => e.data.kind === 'lab-paths' && e.data.data.cell === 'gru');
  assert.ok(pathsEvent, 'a lab-paths message for the GRU after the flow');
  const total = events[flowAt].data.data.cells.gru.norms;
  const { paths } = pathsEvent.data.data;
  assert.equal(paths.length, total.length);
  for (let t = 1; t < total.length; ++t) {
    const terms = Object.values(paths[t]);
    assert.equal(terms.length, 4);
    const sum = terms.reduce((a, b) => a + b, 0);
    assert.ok(total[t - 1] <= sum * (1 + 1e-5), `step ${t}: total ${total[t - 1]} above the terms' sum ${sum}`);
    for (const term of terms) {
      assert.ok(term <= (total[t - 1] + sum - term) * (1 + 1e-5), `step ${t}: a term ${term} above the rest ${sum - term} and the total ${total[t - 1]}`);
    }
  }
}

test('the worker\'s lab handlers (Node, real engine): updates while visible, none when hidden; linear, batches, truncation', async () => {
  const seqlab = await createSeqlab();
  const LAB_DEFAULTS = labDefaults(seqlab.schema());
  const events = [];
  const context = createContext(seqlab, (event, data) => events.push({ event, data }));
  const text = readFileSync(new URL('../../web/assets/timemachine.txt', import.meta.url), 'utf8');
  await corpusHandlers['corpus-load']({ source: 'text', text, name: 'tm', options: {} }, context);
  assert.deepEqual(labHandlers['lab-visible']({ visible: true }, context), { visible: true });
  const wait = async (predicate, ms = 20000) => {
    const deadline = Date.now() + ms;
    while (!predicate() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(predicate(), 'waited in vain');
  };
  const kinds = () => new Set(events.map((e) => e.data.kind));
  const latest = (kind) => events.findLast((e) => e.data.kind === kind).data.data;
  try {
  await wait(() => ['lab-flow', 'lab-paths', 'lab-gates', 'lab-clip'].every((k) => kinds().has(k)));
  assert.ok(!kinds().has('lab-error'), JSON.stringify(events.find((e) => e.data.kind === 'lab-error')));
  const flow = latest('lab-flow');
  assert.equal(flow.T, LAB_DEFAULTS.train.steps);
  assert.deepEqual(Object.keys(flow.cells), ['rnn', 'gru', 'lstm']);
  for (const { norms } of Object.values(flow.cells)) assert.ok(norms.length === 35 && norms.every((v) => v > 0));
  checkGruPathsAgainstFlow(events);
  const paths = events.filter((e) => e.data.kind === 'lab-paths').map((e) => e.data.data);
  assert.deepEqual(paths.slice(0, 2).map((p) => p.cell), ['gru', 'lstm']);
  assert.deepEqual(Object.keys(paths[1].paths[0]).sort(), ['cell', 'rest']);
  assert.equal(paths[0].paths.length, 35);
  const gates = latest('lab-gates');
  assert.equal(gates.text.length, 40);
  assert.equal(gates.gates['l0.z'].length, 40);
  assert.equal(gates.gates['l0.z'][0].length, LAB_DEFAULTS.model.hidden);
  // The session holds the lab's trainers beside (not instead of) the page's.
  assert.deepEqual(context.session.trainerNames().filter((n) => n.startsWith('lab:')).sort(),
    ['lab:clip', 'lab:gru', 'lab:lstm', 'lab:rnn']);

  const linear = labHandlers['lab-linear']({ rho: 1.3 }, context);
  assert.ok(Math.abs(linear.measuredRho - 1.3) < 1e-3 * 1.3);
  assert.ok(linear.norms[0] > linear.norms[34], 'rho > 1: the norm grows with the distance back');
  const [random, sequential] = labHandlers['lab-batches']({ k: 2 }, context);
  assert.equal(random.iterator, 'random');
  assert.equal(sequential.rows.length, LAB_DEFAULTS.train.batch);
  assert.ok(sequential.rows.every((r) => r.carriedFromPrevious) && random.rows.every((r) => !r.carriedFromPrevious));
  const tau = 5;
  const pi = 0.5;
  const trunc = labHandlers['lab-trunc']({ tau, pi }, context);
  assert.deepEqual(Object.keys(trunc.runs), ['full', 'fixed', 'random']);
  checkTruncationFlows(trunc, context.session, tau, pi);
  await wait(() => events.some((e) => e.data.kind === 'lab-trunc' && e.data.data.runs.full.curve.length > 0));

  labHandlers['lab-visible']({ visible: false }, context);
  const count = events.length;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(events.length, count, 'no update while hidden');
  } finally {
    labHandlers['lab-visible']({ visible: false }, context);   // a failed assertion must not leave the loop running
    context.session.delete();
  }
});

const updates = (page, view) => page.getAttribute(`#lab-view-${view}`, 'data-updated').then(Number);

/** Waits until the view `view` has been updated more than `n` times. */
function updatedAfter(page, view, n, timeout = 30000) {
  return page.waitForFunction(([v, count]) => Number(document.querySelector(`#lab-view-${v}`).dataset.updated) > count,
    [view, n], { timeout });
}

async function setRho(page, rho) {
  const before = await updates(page, 'linear');
  await page.$eval('#lab-rho', (input, value) => {
    input.value = String(value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, rho);
  await updatedAfter(page, 'linear', before);
}

test('the lab on the real page: cells drawn, the slider flips the slope, heatmap columns, three truncation curves', async () => {
  const session = await openPlayground('/');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428, 30000);
    await page.$eval('#lab-panel', (s) => s.scrollIntoView());
    await page.waitForSelector('#lab-panel[data-lab-visible="true"]', { timeout: 20000 });

    // 1. The three cells' flow curves, from the worker's lab trainers: one point per step (T = 35).
    await updatedAfter(page, 'flow', 1);
    const series = await page.$$eval('[data-chart="flow"] path[data-series]',
      (paths) => paths.map((p) => [p.dataset.series, Number(p.dataset.points), p.getAttribute('d').length]));
    assert.deepEqual(series.map((s) => s[0]), ['rnn', 'gru', 'lstm']);
    for (const [name, points, length] of series) {
      assert.equal(points, 35, `${name} has ${points} points`);
      assert.ok(length > 20, `${name} path is drawn`);
    }
    // They follow training: a later update arrives while the lab is on screen.
    const flowUpdates = await updates(page, 'flow');
    await updatedAfter(page, 'flow', flowUpdates, 60000);
    console.log(`# flow summary: ${await page.textContent('#lab-view-flow .lab-readout')}`);
    await page.screenshot({ path: '/tmp/lab-page-flow.png' });

    // 2. The linear RNN of the engine: falls below rho = 1, rises above it.
    await page.click('#lab-tab-linear');
    const measured = '[data-chart="linear"] path[data-series="measured"]';
    await setRho(page, 0.8);
    assert.equal(await drawnSlope(page, measured), -1, 'rho 0.8: the curve falls with the distance');
    const readout08 = await page.textContent('#lab-view-linear .lab-readout');
    assert.match(readout08, /measured 0\.8/);
    await page.screenshot({ path: '/tmp/lab-page-linear-0.8.png' });
    await setRho(page, 1.2);
    assert.equal(await drawnSlope(page, measured), 1, 'rho 1.2: the curve rises with the distance');
    console.log(`# linear: ${readout08} | ${await page.textContent('#lab-view-linear .lab-readout')}`);
    await page.screenshot({ path: '/tmp/lab-page-linear-1.2.png' });

    // 3. The paths of the GRU: four stacked terms over 35 steps.
    await page.click('#lab-tab-paths');
    const paths = await page.$$eval('[data-chart="paths"] path[data-series]', (ps) => ps.map((p) => p.dataset.series));
    assert.deepEqual([...new Set(paths)], ['direct', 'update', 'candidate', 'reset']);
    await page.screenshot({ path: '/tmp/lab-page-paths.png' });
    await page.selectOption('#lab-paths-cell', 'lstm');
    const lstmPaths = await page.$$eval('[data-chart="paths"] path[data-series]', (ps) => ps.map((p) => p.dataset.series));
    assert.deepEqual([...new Set(lstmPaths)], ['cell', 'rest']);
    await page.screenshot({ path: '/tmp/lab-page-paths-lstm.png' });

    // 4. Gates: one column per character of the snippet the engine printed under it.
    await page.click('#lab-tab-gates');
    const heat = '[data-chart="gates"] svg';
    await page.waitForSelector(heat);
    const columns = Number(await page.getAttribute(heat, 'data-columns'));
    const chars = await page.$$eval(`${heat} .heat-char`, (nodes) => nodes.map((n) => n.textContent));
    assert.equal(columns, 40);
    assert.equal(chars.length, columns);
    assert.equal(Number(await page.getAttribute(heat, 'data-rows')), 2 * 128, 'GRU z and r, H = 128');
    await page.screenshot({ path: '/tmp/lab-page-gates.png' });

    // 5. Truncation: three runs of one RNN; three training curves and three flow curves, random's band.
    await page.click('#lab-tab-trunc');
    await page.fill('#lab-tau', '10');
    await page.fill('#lab-pi', '0.5');
    const truncBefore = await updates(page, 'trunc');
    await page.click('#lab-trunc-start');
    await updatedAfter(page, 'trunc', truncBefore + 1);   // the start's answer, then one streamed update
    await page.waitForFunction(() => document.querySelectorAll('[data-chart="trunc-train"] path[data-series]').length === 3,
      null, { timeout: 20000 });
    const train = await page.$$eval('[data-chart="trunc-train"] path[data-series]', (ps) => ps.map((p) => p.dataset.series));
    assert.deepEqual(train, ['full', 'fixed', 'random']);
    const flows = await page.$$eval('[data-chart="trunc-flow"] path[data-series]', (ps) => ps.map((p) => p.dataset.series));
    for (const run of ['full', 'fixed', 'random']) assert.ok(flows.includes(run), `flow of ${run} drawn (${flows})`);
    await page.screenshot({ path: '/tmp/lab-page-trunc.png' });

    // 6. Clipping: the RNN's norms are drawn with theta; 7. minibatches: both iterators.
    await page.click('#lab-tab-clip');
    await page.waitForSelector('[data-chart="clip"] path[data-series="gradNorm"]', { state: 'attached' });
    assert.match(await page.textContent('#lab-view-clip .lab-readout'), /^θ = 1: /);
    // Clipping off (and lr 3): a new run whose readout says so, with its perplexity under the chart.
    await page.selectOption('#lab-clip-lr', '3');
    await page.uncheck('#lab-clip-on');
    await page.waitForFunction(() => /clipping is off/.test(document.querySelector('#lab-view-clip .lab-readout').textContent),
      null, { timeout: 20000 });
    await page.waitForFunction(() => /lr 3, clipping off/.test(document.querySelector('#lab-view-clip .message').textContent),
      null, { timeout: 20000 });
    await page.screenshot({ path: '/tmp/lab-page-clip.png' });
    await page.click('#lab-tab-batches');
    await page.waitForSelector('[data-chart="batches"] svg[data-iterators="2"]', { state: 'attached' });
    await page.screenshot({ path: '/tmp/lab-page-batches.png' });

    // Hidden, the lab stops posting.
    await page.$eval('#corpus-panel', (s) => s.scrollIntoView());
    await page.waitForSelector('#lab-panel[data-lab-visible="false"]', { timeout: 30000 });
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
