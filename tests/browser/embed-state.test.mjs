// Presets, panels and locks in web/js/state.js, read in Node against the engine's real schema: every preset
// value is a valid setting (through the same parseValue as a URL value), a URL value overrides a preset's,
// the query string written back starts from the preset and round-trips, and the view options are checked.
// The element's attribute mapping (web/seqlab-demo.js's embedUrl) is tested in embed.test.mjs in a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSeqlab } from '../../web/engine/seqlab.mjs';
import { createProps, defaults, baseline, readQuery, writeQuery, readView, readResize, PANELS } from '../../web/js/state.js';
import { PRESETS, presetById } from '../../web/js/presets.js';

const seqlab = await createSeqlab();
const props = createProps(seqlab.schema());

test('the seven D2L presets and the memory race, each valid against the schema, with the book beside it', () => {
  assert.deepEqual(PRESETS.map((p) => p.id), ['d2l-ngram', 'd2l-rnn-scratch', 'd2l-rnn-concise', 'd2l-bptt',
    'd2l-gru', 'd2l-lstm', 'd2l-deep-rnn', 'memory']);
  for (const preset of PRESETS) {
    const { state, errors } = baseline(props, preset.id);
    assert.deepEqual(errors, [], `${preset.id}: every value is a valid setting`);
    assert.equal(state.preset, preset.id);
    for (const name of Object.keys(preset.settings)) assert.ok(props.byName.has(name), `${preset.id}: ${name}`);
    assert.ok(preset.panels.length && preset.panels.every((p) => PANELS.includes(p)), `${preset.id}: panels`);
    assert.ok(preset.book.reports.length > 40 && preset.demo.length > 40, `${preset.id}: says what the book reports`);
    assert.match(preset.url, /^https:\/\/classic\.d2l\.ai\//);
  }
  // The book's hyperparameters (train_ch8: batch 32, num_steps 35, SGD lr 1, clipping 1).
  const gru = baseline(props, 'd2l-gru').state;
  assert.deepEqual([gru.cell, gru.hidden, gru.batch, gru.steps, gru.optimizer, gru.lr, gru.clip, gru.level],
    ['gru', 256, 32, 35, 'sgd', 1, 1, 'char']);
  const deep = baseline(props, 'd2l-deep-rnn').state;
  assert.deepEqual([deep.cell, deep.layers, deep.lr], ['lstm', 2, 2]);
  // The memory race shows only the Memory lab and trains no network of the page's beside it.
  assert.deepEqual(presetById('memory').panels, ['memory']);
  assert.equal(baseline(props, 'memory').state.autostart, false);
  assert.equal(presetById('d2l-nope'), undefined);
});

test('a URL value overrides the preset; the query written back starts from the preset', () => {
  const { state, errors } = readQuery(props, '?preset=d2l-gru&hidden=128&lr=0.5');
  assert.deepEqual(errors, []);
  assert.equal(state.cell, 'gru', "the preset's");
  assert.equal(state.hidden, 128, "the URL's");
  assert.equal(state.lr, 0.5);
  assert.equal(writeQuery(props, state), '?preset=d2l-gru&hidden=128&lr=0.5');
  assert.deepEqual(readQuery(props, writeQuery(props, state)), { state, errors: [] });
  // Without a preset the defaults are the base, as before.
  assert.equal(writeQuery(props, defaults(props)), '');
  // A value set back to the default differs from the preset's and is written.
  assert.match(writeQuery(props, { ...state, optimizer: 'adam' }), /optimizer=adam/);
  // A bad preset is reported and the defaults stay.
  const bad = readQuery(props, '?preset=d2l-transformer&cell=lstm');
  assert.equal(bad.state.cell, 'lstm');
  assert.equal(bad.state.hidden, defaults(props).hidden);
  assert.match(bad.errors.join(), /preset must be one of .*d2l-gru.* \(got 'd2l-transformer'\)/);
});

test('panels=, lock= and resize= are view options: checked, kept in the URL, not settings', () => {
  assert.deepEqual(readView(props, '?panels=ngram&n=4'), { panels: ['ngram'], lock: [], resize: [], errors: [] });
  assert.deepEqual(readQuery(props, '?panels=ngram&lock=cell&n=4').errors, []);
  const view = readView(props, '?panels=train,gates,train,bogus&lock=cell,hidden,preset,nope');
  assert.deepEqual(view.panels, ['train', 'gates']);
  assert.deepEqual(view.lock, ['cell', 'hidden']);
  assert.deepEqual(view.errors, ["panels: 'bogus' is not a panel (panels: corpus, ngram, train, generate, gradients, " +
    'lab, flow, linear, paths, trunc, clip, gates, batches, memory)', "lock: 'preset', 'nope' are not a setting"]);
  assert.equal(writeQuery(props, { ...defaults(props), n: 4 }, '?panels=ngram&n=3&lock=n'), '?n=4&panels=ngram&lock=n');
  // resize= names the platform messages embed.html sends besides its own; it needs no props.
  assert.deepEqual(readQuery(props, '?resize=lti&n=4').errors, []);
  assert.deepEqual(readView(props, '?resize=lti').resize, ['lti']);
  assert.deepEqual(readResize('?resize=lti,canvas'), { resize: ['lti'],
    errors: ["resize: 'canvas' is not a resize message (resize: lti)"] });
  assert.deepEqual(readResize('?panels=train'), { resize: [], errors: [] });
  assert.equal(writeQuery(props, { ...defaults(props), n: 4 }, '?resize=lti&n=3'), '?n=4&resize=lti');
});
