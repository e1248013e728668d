// The Memory lab: the race of RNN / GRU / LSTM models on the engine's memory task.
// In Node, the worker's handlers with the real engine: a race of its own Session, measured while visible and
// silent while hidden, its messages shaped as the views read them, a new race freeing the old Session.
// On the real page: the race draws one accuracy curve per contestant and the chance line; changing the lag
// starts a new race (the curves start again, the task report and the gradient chart show the new lag); the
// gradient chart marks the key's step; embed.html?preset=memory shows the race alone.
// Screenshots: memory-lab-*.png in the system's temporary folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground } from './browser.mjs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';
import { createContext } from '../../web/js/worker/context.js';
import { memoryHandlers, MEMORY_DEFAULTS } from '../../web/js/worker/memory-handlers.js';
import { CONTESTANTS } from '../../web/js/memory-race.js';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Where a screenshot of this test goes (to look at after a run). */
const shot = (name) => path.join(tmpdir(), `memory-lab-${name}.png`);

/** Polls `predicate` every 20 ms until it holds; fails after `ms` naming `what`. */
async function waitFor(predicate, what, ms = 60000) {
  const deadline = Date.now() + ms;
  while (!predicate() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(predicate(), `waited in vain for ${what}`);
}

test('the worker\'s memory handlers (Node, real engine): a race in its own Session, updates while visible only', async () => {
  const seqlab = await createSeqlab();
  const events = [];
  const context = createContext(seqlab, (event, data) => events.push({ event, data }));
  const updates = () => events.filter((e) => e.event === 'memory-update').map((e) => e.data);
  try {
    const first = memoryHandlers['memory-start']({ task: 'first-symbol', lag: 10, hidden: 16, contestants: ['rnn', 'gru-keep'] },
      context);
    const { task } = first;
    assert.equal(task.lag, 10);
    assert.deepEqual(first.contestants.map((c) => c.id), ['rnn', 'gru-keep']);
    assert.ok(first.contestants.every((c) => c.curve.length === 0 && c.steps === 0), 'nothing trained yet');
    // The gradient from the answer back over every input step of a sample: T = sample length - 1.
    for (const c of first.contestants) {
      assert.equal(c.flowInit.length, task.sampleLength - 1);
      assert.ok(c.flowInit[task.answerPositions.at(-1)] > 0, 'the answer\'s own step has a gradient');
    }
    assert.ok(Math.abs(first.chanceAccuracy - Math.exp(-task.chanceLoss)) < 1e-12);
    assert.equal(first.contestants[0].pathsNow, null, 'no paths for the RNN');
    assert.deepEqual(Object.keys(first.contestants[1].pathsNow).sort(), ['candidate', 'direct', 'reset', 'update']);
    // The page's Session is not the race's: it has no trainer of the race.
    assert.deepEqual(context.session.trainerNames(), []);
    assert.equal(updates().length, 0, 'not visible yet: no training, no update');

    memoryHandlers['memory-visible']({ visible: true }, context);
    await waitFor(() => updates().filter((u) => u.contestants?.every((c) => c.curve.length >= 2)).length > 0, 'two measurements');
    const update = updates().at(-1);
    assert.equal(update.error, undefined);
    for (const c of update.contestants) {
      assert.ok(c.steps > 0, `${c.id} trained`);
      assert.ok(c.curve.every((p) => p.answerAccuracy >= 0 && p.answerAccuracy <= 1 && p.answerLoss > 0), JSON.stringify(c.curve));
      assert.ok(c.curve.every((p, i) => i === 0 || p.step > c.curve[i - 1].step), 'steps increase');
    }
    // The curves advance together: the contestant furthest behind trains next.
    const steps = update.contestants.map((c) => c.steps);
    assert.ok(Math.max(...steps) - Math.min(...steps) <= 500 + Math.min(...steps), `steps ${steps}`);

    memoryHandlers['memory-visible']({ visible: false }, context);
    const count = events.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(events.length, count, 'no update while hidden');

    // A new race replaces the old one and frees its Session.
    const oldSession = context.memory.race.session;
    const second = memoryHandlers['memory-start']({ task: 'first-symbol', lag: 20, hidden: 16, contestants: ['lstm'] }, context);
    assert.equal(second.raceId, first.raceId + 1);
    assert.equal(second.task.lag, 20);
    assert.equal(oldSession.raw, null, 'the old race\'s Session was deleted');
    assert.throws(() => memoryHandlers['memory-start']({ contestants: ['transformer'] }, context), /unknown contestant transformer/);
    assert.deepEqual(memoryHandlers['memory-stop']({}, context), {});
    assert.equal(context.memory.race, null);
  } finally {
    memoryHandlers['memory-visible']({ visible: false }, context);
    memoryHandlers['memory-stop']({}, context);
    context.session.delete();
  }
});

/** The accuracy chart's curves: [{series, points}]. */
const accuracyCurves = (page) => page.$$eval('[data-chart="memory-accuracy"] path[data-series]',
  (paths) => paths.map((p) => ({ series: p.dataset.series, points: Number(p.dataset.points) })));

test('the race on the real page: a curve per contestant and the chance line; the key marked; a new lag restarts it', async () => {
  const session = await openPlayground('/?autostart=0');
  const { page, errors } = session;
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForSelector('#memory-panel h2', { timeout: 30000 });
    await page.$eval('#memory-panel', (s) => s.scrollIntoView());
    await page.waitForSelector('#memory-panel[data-memory-visible="true"]', { timeout: 20000 });

    // 1. One accuracy curve per default contestant, each with measured points, and the chance line at 1/answers.
    await page.waitForFunction(() => {
      const curves = [...document.querySelectorAll('[data-chart="memory-accuracy"] path[data-series]')];
      return curves.length === 5 && curves.every((c) => Number(c.dataset.points) >= 3);
    }, null, { timeout: 120000 });
    const curves = await accuracyCurves(page);
    assert.deepEqual(curves.map((c) => c.series), MEMORY_DEFAULTS.contestants);
    assert.deepEqual(MEMORY_DEFAULTS.contestants, CONTESTANTS.map((c) => c.id));
    const chance = await page.$$eval('[data-chart="memory-accuracy"] line[data-reference^="chance"]', (lines) => lines.length);
    assert.equal(chance, 1, 'the chance line is drawn');
    const chanceValue = Number(await page.getAttribute('[data-chart="memory-accuracy"]', 'data-chance'));
    assert.ok(chanceValue > 0 && chanceValue < 1, `chance ${chanceValue}`);
    assert.equal(await page.getAttribute('#memory-task-report', 'data-lag'), '50', 'the default lag');
    // Opened from the keyboard, the table under the chart holds the drawn curves (a row per measured step, a
    // column per model; chart-data.test.mjs compares its numbers with the drawing).
    await page.focus('[data-chart="memory-accuracy"] ~ details > summary');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => Number(document.querySelector('[data-chart="memory-accuracy"] ~ details table')
      .dataset.rows) >= 3, null, { timeout: 10000 });
    await page.screenshot({ path: shot('race') });

    // 2. The gradient chart marks the key's step (from the engine's task report) and draws every contestant.
    const key = await page.getAttribute('[data-chart="memory-gradient"]', 'data-key-position');
    assert.equal(await page.getAttribute('[data-chart="memory-gradient"] line[data-vertical="key"]', 'data-x'), key);
    assert.match(await page.textContent('#memory-task-report'), new RegExp(`the key is input at step ${key},`));
    const gradientSeries = await page.$$eval('[data-chart="memory-gradient"] path[data-series]', (ps) => ps.map((p) => p.dataset.series));
    for (const id of MEMORY_DEFAULTS.contestants) {
      assert.ok(gradientSeries.includes(id) && gradientSeries.includes(`${id}:init`), `${id} now and at init`);
    }
    // The GRUs' four paths into the key's state, before training and now.
    assert.equal(await page.getAttribute('[data-chart="memory-key-paths"] svg', 'data-bars'), '4');
    // The sentence of what the race showed names every contestant.
    const summary = await page.textContent('#memory-summary');
    for (const c of CONTESTANTS) assert.ok(summary.includes(`the ${c.label} `), `${c.label} in: ${summary}`);
    console.log(`# lag 50: ${summary}`);

    // Accessibility: every control has a visible label and a target of at least 24 x 24 px (its label's box,
    // which toggles it too); every chart has an accessible name and a table of its data.
    const controls = await page.$$eval('#memory-panel :is(input, select, button)', (nodes) => nodes.map((n) => {
      const label = n.labels?.[0];
      const box = (label ?? n).getBoundingClientRect();
      return { id: n.id, name: (label?.textContent ?? n.textContent).trim(), w: box.width, h: box.height };
    }));
    assert.ok(controls.length >= 10, `${controls.length} controls`);
    for (const c of controls) {
      assert.ok(c.name.length > 1, `${c.id} has a visible label`);
      assert.ok(c.w >= 24 && c.h >= 24, `${c.id}: ${c.w} x ${c.h}`);
    }
    for (const chart of ['memory-accuracy', 'memory-gradient', 'memory-key-paths']) {
      assert.ok((await page.getAttribute(`[data-chart="${chart}"] svg`, 'aria-label')).length > 20, `${chart} is named`);
      assert.equal(await page.$$eval(`[data-chart="${chart}"] ~ details table`, (t) => t.length), 1, `${chart} has a table`);
    }

    // 3. A new lag starts a new race: a new race id, the curves start again, the report and the gradient
    // chart have the new lag's length.
    const before = Number(await page.getAttribute('#memory-panel', 'data-race-id'));
    const oldSteps = await page.$$eval('[data-chart="memory-accuracy"] path[data-series]', (ps) => ps.length);
    assert.equal(oldSteps, 5);
    const pointsBefore = Math.max(...(await accuracyCurves(page)).map((c) => c.points));
    await page.selectOption('#memory-lag', '10');
    // Caught on the first frame that shows the new race (polled every 10 ms): its curves are its own.
    const restarted = await page.waitForFunction((id) => {
      const section = document.querySelector('#memory-panel');
      if (Number(section.dataset.raceId) <= id) return false;
      return { lag: section.dataset.lag,
        points: [...document.querySelectorAll('[data-chart="memory-accuracy"] path[data-series]')].map((p) => Number(p.dataset.points)) };
    }, before, { timeout: 60000, polling: 10 }).then((handle) => handle.jsonValue());
    assert.equal(restarted.lag, '10');
    assert.ok(restarted.points.every((n) => n < pointsBefore), `the new race's curves start again: ${restarted.points} < ${pointsBefore}`);
    await page.waitForSelector('#memory-task-report[data-lag="10"]', { timeout: 60000 });
    assert.match(await page.textContent('#memory-task-report'), /lag 10:/);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-chart="memory-accuracy"] path[data-series]')]
      .filter((c) => Number(c.dataset.points) >= 2).length === 5, null, { timeout: 120000 });
    const sampleLength = Number((await page.textContent('#memory-task-report')).match(/Each sample has (\d+) tokens/)[1]);
    const rnnPoints = Number(await page.getAttribute('[data-chart="memory-gradient"] path[data-series="rnn"]', 'data-points'));
    assert.ok(rnnPoints <= sampleLength - 1 && rnnPoints >= 2, `the gradient over the new sample: ${rnnPoints} of ${sampleLength - 1}`);

    // 4. A contestant unchecked is left out of the next race.
    await page.uncheck('#memory-contestant-lstm');
    await page.waitForFunction(() => {
      const curves = [...document.querySelectorAll('[data-chart="memory-accuracy"] path[data-series]')].map((p) => p.dataset.series);
      return curves.length === 4 && !curves.includes('lstm');
    }, null, { timeout: 60000 });
    await page.screenshot({ path: shot('lag10') });
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('embed.html?preset=memory shows the race alone', async () => {
  const session = await openPlayground('/embed.html?preset=memory');
  const { page, errors } = session;
  try {
    await page.waitForFunction(() => document.documentElement.dataset.panels === 'memory', null, { timeout: 30000 });
    assert.equal(await page.isVisible('#memory-panel'), true);
    for (const other of ['#corpus-panel', '#train-panel', '#lab-panel']) assert.equal(await page.isVisible(other), false, other);
    await page.waitForFunction(() => {
      const curves = [...document.querySelectorAll('[data-chart="memory-accuracy"] path[data-series]')];
      return curves.length === 5 && curves.every((c) => Number(c.dataset.points) >= 2);
    }, null, { timeout: 120000 });
    assert.equal(await page.isVisible('#error-banner'), false);
    await page.screenshot({ path: shot('embed'), fullPage: true });
    // No model chosen: the race ends and the panel says why; one chosen again: a race of one.
    for (const c of CONTESTANTS) await page.uncheck(`#memory-contestant-${c.id}`);
    await page.waitForSelector('#memory-panel [role="alert"]:has-text("choose at least one model")', { timeout: 10000 });
    // It stays: a message the ended race still had on its way (it posts about once a second) does not clear it.
    await page.waitForTimeout(1500);
    assert.equal(await page.isVisible('#memory-panel [role="alert"]'), true);
    await page.check('#memory-contestant-gru-keep');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-chart="memory-accuracy"] path[data-series]')]
      .map((p) => p.dataset.series).join() === 'gru-keep', null, { timeout: 60000 });
    assert.equal(await page.isVisible('#memory-panel [role="alert"]'), false);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
