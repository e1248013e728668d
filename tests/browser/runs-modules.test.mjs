// The page's run modules that need no browser (web/js/runs/): the legend's settings diff, the CSV of a
// curve (read back by a small parser written here), the run record, the download names, a loaded
// checkpoint's adoption and the run's persistence (with a fake engine and store).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settingsDiff, describeDiff, runLabels } from '../../web/js/runs/compare.js';
import { curveCsv, CSV_COLUMNS } from '../../web/js/runs/csv.js';
import { newRun, recordProgress, splitCurve, lastProgress, hasPoints } from '../../web/js/runs/run.js';
import { slug, runFileName } from '../../web/js/runs/file-names.js';
import { adoptedValues, adoptedRun, loadedNote } from '../../web/js/runs/checkpoint-adoption.js';
import { RunPersistence, STORE_EVERY_MS } from '../../web/js/runs/run-persistence.js';

const NAMES = ['corpus', 'cell', 'hidden', 'lr'];

test('the legend names the settings that changed from one run to the next, in the page order', () => {
  const a = { corpus: 'tm', cell: 'gru', hidden: '64', lr: '0.1' };
  const b = { corpus: 'tm', cell: 'gru', hidden: '64', lr: '0.01' };
  const c = { corpus: 'tm', cell: 'lstm', hidden: '128', lr: '0.01' };
  assert.deepEqual(settingsDiff(a, b, NAMES), [{ name: 'lr', from: '0.1', to: '0.01' }]);
  assert.equal(describeDiff(settingsDiff(a, b, NAMES)), 'lr 0.1 → 0.01');
  assert.deepEqual(runLabels([{ settings: a }, { settings: b }, { settings: c }, { settings: c }], NAMES),
    ['run 1', 'run 2: lr 0.1 → 0.01', 'run 3: cell gru → lstm, hidden 64 → 128', 'run 4: same settings']);
  // A setting one run lacks (an older stored run) reads as a dash, not as "undefined".
  assert.equal(describeDiff(settingsDiff({}, { lr: '1' }, NAMES)), 'lr — → 1');
});

/** A CSV reader for the test: '#' lines are the header, then a row of column names and numbers. */
function readCsv(text) {
  const lines = text.trimEnd().split('\n');
  const header = Object.fromEntries(lines.filter((l) => l.startsWith('# ') && l.includes(': '))
    .map((l) => l.slice(2).split(': ')).map(([k, ...v]) => [k, v.join(': ')]));
  const body = lines.filter((l) => !l.startsWith('#'));
  const columns = body[0].split(',');
  const rows = body.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [columns[i], v === '' ? null : Number(v)])));
  return { header, columns, rows };
}

test('a run records its reports and validations; its CSV has the settings in the header and a row per point', () => {
  const run = newRun({ corpus: 'The Time Machine', settings: { cell: 'gru', lr: '0.01' } });
  assert.equal(hasPoints(run), false);
  const report = (tokens, ppl) => ({ steps: 3, tokens, totalSteps: tokens / 100, epoch: tokens / 1000, loss: Math.log(ppl),
    perplexity: ppl, gradNorm: 0.5, clipFraction: 0.25 });
  recordProgress(run, report(100, 20), null);
  recordProgress(run, report(200, 15.5), 16.25);
  recordProgress(run, { ...report(200, null), steps: 0 }, null);   // a slice that trained nothing adds no point
  assert.equal(run.train.length, 2);
  assert.deepEqual(run.validation, [{ tokens: 200, epoch: 0.2, valPerplexity: 16.25 }]);
  assert.deepEqual(lastProgress(run), { tokens: 200, epoch: 0.2 });
  run.validation.push({ tokens: 250, epoch: 0.25, valPerplexity: 15 });   // a validation of its own (at a stop)

  const csv = readCsv(curveCsv(run, { corpus: run.corpus }));
  assert.deepEqual(csv.columns, [...CSV_COLUMNS]);
  assert.equal(csv.header.corpus, 'The Time Machine');
  assert.equal(csv.header.cell, 'gru');
  assert.equal(csv.header.lr, '0.01');
  assert.deepEqual(csv.rows, [
    { tokens: 100, epoch: 0.1, train_perplexity: 20, val_perplexity: null, grad_norm: 0.5, clipped_share: 0.25 },
    { tokens: 200, epoch: 0.2, train_perplexity: 15.5, val_perplexity: 16.25, grad_norm: 0.5, clipped_share: 0.25 },
    { tokens: 250, epoch: 0.25, train_perplexity: null, val_perplexity: 15, grad_norm: null, clipped_share: null },
  ]);
});

test("the engine's curve splits into training and validation points", () => {
  const curve = [{ tokens: 10, epoch: 0.1, perplexity: 9 }, { tokens: 10, epoch: 0.1, valPerplexity: 8 },
    { tokens: 20, epoch: 0.2, perplexity: 7 }];
  const { train, validation } = splitCurve(curve);
  assert.deepEqual(train.map((p) => p.tokens), [10, 20]);
  assert.deepEqual(validation, [{ tokens: 10, epoch: 0.1, valPerplexity: 8 }]);
});

test('download names say corpus, network and epoch', () => {
  assert.equal(slug('The Time Machine'), 'the-time-machine');
  assert.equal(slug('Über café.txt'), 'uber-cafe');
  assert.equal(slug('***'), 'text');
  const run = { corpus: 'The Time Machine', settings: { cell: 'gru', hidden: '64', layers: '1', optimizer: 'adam' } };
  assert.equal(runFileName(run, 2.4, 'seqlab'), 'the-time-machine_gru-h64-adam_epoch-2.40.seqlab');
  assert.equal(runFileName({ ...run, settings: { ...run.settings, layers: '2' } }, 1, 'png', 'chart'),
    'the-time-machine_gru-h64x2-adam_epoch-1.00_chart.png');
});

test("a loaded checkpoint's options become settings where the page can show them, its curve the run's", () => {
  const props = { list: [
    { name: 'cell', group: 'model', key: 'cell', type: 'choice', choices: ['rnn', 'gru', 'lstm'] },
    { name: 'hidden', group: 'model', key: 'hidden', type: 'int', min: 1, max: 1024 },
    { name: 'lr', group: 'train', key: 'lr', type: 'number', min: 0, max: 100, minExclusive: true },
    { name: 'level', group: 'corpus', key: 'level', type: 'choice', choices: ['char', 'word'] },
  ] };
  const { values, skipped } = adoptedValues(props, { model: { cell: 'lstm', hidden: 4096 }, train: { lr: 0.5 },
    corpus: { level: 'word' } });
  // hidden 4096 is beyond the page's range: reported, not written; the corpus group is not adopted.
  assert.deepEqual(values, { cell: 'lstm', lr: 0.5 });
  assert.deepEqual(skipped, ['hidden 4096']);

  const corpus = { name: 'The Time Machine', hash: 'abc' };
  const loaded = { resumable: true, progress: { epoch: 2.5 }, options: { model: { cell: 'lstm', hidden: 4096 },
    warnings: ['format 1: a fresh optimizer'] },
  curve: [{ tokens: 10, epoch: 0.1, perplexity: 9 }, { tokens: 10, epoch: 0.1, valPerplexity: 8 }] };
  const bytes = Uint8Array.of(1, 2, 3);
  const fresh = adoptedRun({ loaded, stored: null, corpus, settings: { cell: 'lstm' }, bytes });
  assert.deepEqual(fresh.train.map((p) => p.perplexity), [9]);
  assert.deepEqual(fresh.validation.map((p) => p.valPerplexity), [8]);
  assert.equal(fresh.checkpoint, bytes);
  assert.equal(fresh.corpusHash, 'abc');
  // A stored run whose checkpoint has no curve (an older engine) keeps its own record.
  const stored = { ...newRun({ corpus: 'x', corpusHash: null }), train: [{ tokens: 5, epoch: 0.05, perplexity: 12 }] };
  const kept = adoptedRun({ loaded: { ...loaded, curve: [] }, stored, corpus, settings: {}, bytes });
  assert.equal(kept, stored);
  assert.deepEqual(kept.train.map((p) => p.perplexity), [12]);

  const note = loadedNote({ loaded, name: 'run.seqlab', run: fresh, skipped });
  assert.equal(note, 'Loaded run.seqlab (lstm H 4096, epoch 2.50): Resume continues its run. ' +
    'The page cannot show its hidden 4096; the model keeps its own. format 1: a fresh optimizer');
  assert.match(loadedNote({ loaded: { ...loaded, resumable: false }, name: 'm', run: fresh, skipped: [] }),
    /^Loaded m \(lstm H 4096\): it generates text; Start trains a new model from the settings\./);
});

test("the current run is stored with its trainer's checkpoint, and without one that arrives for a replaced trainer", async () => {
  const put = [];
  const store = { put: async (run) => { put.push({ id: run.id, checkpoint: run.checkpoint ?? null }); return true; } };
  const history = { current: null };
  const trainer = { id: 1, exists: true };
  let onSave = () => {};
  const engine = { request: async (type) => {
    assert.equal(type, 'train-save');
    onSave();
    return { bytes: Uint8Array.of(trainer.id) };
  } };
  const runs = new RunPersistence(engine, store, history, () => ({ ...trainer }));

  // Nothing trained yet: nothing stored, and no checkpoint asked for.
  history.current = newRun({ corpus: 'tm', settings: {} });
  assert.equal(await runs.persist(), false);
  assert.deepEqual(put, []);

  const run = history.current;
  recordProgress(run, { steps: 1, tokens: 100, totalSteps: 1, epoch: 0.1, loss: 2, perplexity: Math.exp(2) }, null);
  assert.equal(await runs.persist(), true);
  assert.deepEqual(put, [{ id: run.id, checkpoint: Uint8Array.of(1) }]);
  assert.equal(runs.due(runs.lastStored + STORE_EVERY_MS - 1), false);
  assert.equal(runs.due(runs.lastStored + STORE_EVERY_MS + 1), true);

  // A new trainer replaces this one while its checkpoint is on the way: the bytes are not this run's.
  onSave = () => { trainer.id = 2; };
  run.checkpoint = null;
  await runs.persist();
  assert.deepEqual(put.at(-1), { id: run.id, checkpoint: null });

  // No trainer in the worker (it was replaced): the curve alone, without asking for a checkpoint.
  onSave = () => assert.fail('no trainer: no train-save');
  trainer.exists = false;
  await runs.persist();
  assert.deepEqual(put.at(-1), { id: run.id, checkpoint: null });

  // A model saved to a file: its bytes are kept with the run.
  await runs.keep(run, Uint8Array.of(9));
  assert.deepEqual(put.at(-1), { id: run.id, checkpoint: Uint8Array.of(9) });
});

test('a page being left stores its run within the same task, with the checkpoint it has, asking the worker nothing', async () => {
  const sent = [];
  const store = {
    putNow: (run) => { sent.push({ id: run.id, train: run.train.length, checkpoint: run.checkpoint ?? null }); return true; },
    put: async (run) => { sent.push({ id: run.id, train: run.train.length, checkpoint: run.checkpoint ?? null }); return true; },
  };
  const history = { current: newRun({ corpus: 'tm', settings: {} }) };
  let saves = 0;
  // The worker's answer never comes: the page is unloaded before it could arrive.
  const engine = { request: () => { saves += 1; return new Promise(() => {}); } };
  const runs = new RunPersistence(engine, store, history, () => ({ id: 1, exists: true }));

  assert.equal(runs.persistNow(), false, 'nothing trained: nothing stored');
  const point = (tokens) => ({ steps: 1, tokens, totalSteps: 1, epoch: tokens / 1000, loss: 2, perplexity: Math.exp(2) });
  recordProgress(history.current, point(100), null);
  history.current.checkpoint = Uint8Array.of(7);   // from an earlier persist()
  recordProgress(history.current, point(200), null);

  // A persist() whose checkpoint is still on its way (a pause just before the reload) stores nothing ...
  runs.persist();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(sent, []);
  // ... the page being left stores the whole curve at once (not a promise: no later task is needed).
  assert.equal(runs.persistNow(), true);
  assert.deepEqual(sent, [{ id: history.current.id, train: 2, checkpoint: Uint8Array.of(7) }]);
  assert.equal(saves, 1, 'persistNow asks the worker nothing');
});
