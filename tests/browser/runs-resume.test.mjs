// Save, load and resume on the page: the saved checkpoint's download name says what it is; after a reload
// it loads from the file picker and Resume continues the same curve (from a stored run too); a model of
// another corpus is refused with the engine's message and the trainer there stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPlayground } from './browser.mjs';
import { waitForCorpus, waitForStored } from './page-helpers.mjs';

function waitForPoints(page, count, timeout = 20000) {
  return page.waitForFunction((n) => Number(document.querySelector('#train-panel').dataset.points) > n, count,
    { timeout });
}

async function pauseTraining(page) {
  await page.click('#train-pause');
  await page.waitForSelector('#train-panel[data-running="false"]');
}

/** Clicks Save and keeps the checkpoint under its suggested name in `dir`. */
async function saveModel(page, dir) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#run-save')]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** The CSV rows of the current run: [tokens, epoch, train, val, grad, clipped]. */
async function curveRows(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const text = await readFile(await download.path(), 'utf8');
  return text.trimEnd().split('\n').filter((l) => !l.startsWith('#')).slice(1)
    .map((l) => l.split(',').map((v) => (v === '' ? null : Number(v))));
}

test('save, reload the page, load the file and Resume continues the curve', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'seqlab-runs-'));
  const session = await openPlayground('/?hidden=32&batch=16&epochs=0');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    await waitForPoints(page, 5);
    await pauseTraining(page);
    const tokens = Number(await page.getAttribute('#train-panel', 'data-tokens'));
    const points = Number(await page.getAttribute('#train-panel', 'data-points'));
    const before = await curveRows(page);
    const file = await saveModel(page, dir);
    assert.match(path.basename(file), /^the-time-machine_gru-h32-adam_epoch-\d+\.\d\d\.seqlab$/);

    // Another page life, with other settings: the model brings its own.
    await page.goto(session.url.replace('/?', '/?autostart=0&cell=lstm&'));
    await waitForCorpus(page, 173428);
    await page.waitForSelector('#train-state:text("ready")', { timeout: 20000 });
    await page.setInputFiles('#run-load', file);
    await page.waitForSelector('#train-state:text("loaded")', { timeout: 20000 });
    assert.match(await page.textContent('#run-note'), /Resume continues/);
    assert.equal(await page.inputValue('select[data-prop="cell"]'), 'gru');
    assert.equal(await page.inputValue('input[data-prop="hidden"]'), '32');
    assert.equal(Number(await page.getAttribute('#train-panel', 'data-tokens')), tokens);
    assert.equal(Number(await page.getAttribute('#train-panel', 'data-points')), points);
    assert.equal(await page.textContent('#train-start'), 'Resume');

    await page.click('#train-start');
    await waitForPoints(page, points + 5);
    await pauseTraining(page);
    const after = await curveRows(page);
    // The curve before the save is the start of the curve after it, and it goes on from there.
    assert.deepEqual(after.slice(0, before.length).map((r) => r.slice(0, 3)), before.map((r) => r.slice(0, 3)));
    const trained = after.filter((r) => r[2] !== null);
    assert.ok(trained.length > points + 5);
    assert.ok(trained[points][0] > tokens, `the first resumed point (${trained[points][0]}) follows ${tokens}`);
    assert.ok(trained.every((r, i) => i === 0 || r[0] > trained[i - 1][0]), 'tokens seen grow');
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a run kept in the browser resumes after a reload', async () => {
  const session = await openPlayground('/?hidden=32&batch=16&epochs=0');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    await waitForPoints(page, 5);
    await pauseTraining(page);
    const tokens = Number(await page.getAttribute('#train-panel', 'data-tokens'));
    const points = Number(await page.getAttribute('#train-panel', 'data-points'));
    // Stored as training stopped: wait until the stored run has every point and its checkpoint.
    await waitForStored(page, (runs) => runs.some((r) => r.train === points && r.checkpoint));

    await page.goto(session.url.replace('/?', '/?autostart=0&'));
    await page.waitForSelector('#train-state:text("ready")', { timeout: 20000 });
    await page.waitForSelector('#run-restore:not([hidden])', { timeout: 20000 });
    await page.click('#run-restore');
    await page.waitForSelector('#train-state:text("loaded")', { timeout: 20000 });
    assert.equal(Number(await page.getAttribute('#train-panel', 'data-tokens')), tokens);
    assert.equal(await page.getAttribute('#train-panel', 'data-earlier-runs'), '0', 'the stored run is the current one');
    await page.click('#train-start');
    await page.waitForFunction((t) => Number(document.querySelector('#train-panel').dataset.tokens) > t, tokens);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});

test('a model trained on another corpus is refused with a message, and the trainer there stays', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'seqlab-runs-'));
  const session = await openPlayground('/?hidden=16&batch=16&epochs=0');
  try {
    const { page, errors } = session;
    await waitForCorpus(page, 173428);
    await waitForPoints(page, 3);
    await pauseTraining(page);
    const file = await saveModel(page, dir);

    await page.click('#corpus-paste-toggle');
    await page.fill('#corpus-text', 'the quick brown fox jumps over the lazy dog. '.repeat(200));
    await page.click('#corpus-use-text');
    await page.waitForSelector('#corpus-name:text("pasted text")', { timeout: 20000 });
    await waitForPoints(page, 3);
    await pauseTraining(page);
    const points = Number(await page.getAttribute('#train-panel', 'data-points'));

    await page.setInputFiles('#run-load', file);
    await page.waitForSelector('#train-error:not([hidden])', { timeout: 20000 });
    const message = await page.textContent('#train-error');
    assert.match(message, /^the-time-machine_.*\.seqlab was not loaded: /);
    assert.match(message, /another corpus/i);
    assert.notEqual(await page.textContent('#train-state'), 'loaded');
    assert.equal(Number(await page.getAttribute('#train-panel', 'data-points')), points, 'the run there is untouched');
    await page.click('#train-start');
    await waitForPoints(page, points + 2);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
    await rm(dir, { recursive: true, force: true });
  }
});
