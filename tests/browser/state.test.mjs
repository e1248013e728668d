// The page's settings (web/js/state.js, a pure module) read in Node against the engine's real schema:
// every engine option of the page takes its type, choices, range and default from seqlab.schema() except
// where the page declares a narrower range or its own default; URL values are plain decimal numbers only;
// each bad value is reported and falls back to its default; the query string written back holds only the
// values that differ from the defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSeqlab } from '../../web/engine/seqlab.mjs';
import { SETTINGS, createProps, defaults, parseValue, readQuery, writeQuery, optionsOf }
  from '../../web/js/state.js';

const seqlab = await createSeqlab();
const schema = seqlab.schema();
const props = createProps(schema);
const prop = (name) => props.byName.get(name);
const specOf = (p) => schema[p.group].find((s) => s.key === p.key);

test('each engine setting is the schema entry, with only the declared page overrides', () => {
  for (const setting of SETTINGS.filter((s) => s.option)) {
    const p = prop(setting.name);
    const spec = specOf(p);
    assert.ok(spec, `${setting.option} is in the schema`);
    assert.equal(p.type, spec.type, `${setting.name}: type`);
    assert.equal(p.help, spec.help, `${setting.name}: help`);
    const page = setting.page ?? {};
    if (Object.keys(page).length) assert.ok(setting.why?.length > 10, `${setting.name}: the override says why`);
    for (const field of ['default', 'min', 'max', 'choices', 'aliases']) {
      if (field in page) continue;
      assert.deepEqual(p[field], spec[field], `${setting.name}: ${field} is the engine's`);
    }
    // A narrower range stays inside the engine's: the page never sends what the engine refuses.
    if (spec.min !== undefined) assert.ok(p.min >= spec.min, `${setting.name}: min ${p.min} >= ${spec.min}`);
    if (spec.max !== undefined) assert.ok(p.max <= spec.max, `${setting.name}: max ${p.max} <= ${spec.max}`);
  }
  // The engine's lists, not copies: a choice the engine adds shows on the page.
  assert.deepEqual(prop('cell').choices, specOf(prop('cell')).choices);
  assert.ok(prop('activation').choices.includes('identity'), 'the linear RNN of the notes');
  assert.deepEqual(prop('gruVariant').aliases, { seed: 'notes' });
});

test('a page range outside the engine\'s, or a setting the schema lacks, is refused when the props are built', () => {
  const widened = structuredClone(schema);
  widened.model.find((s) => s.key === 'hidden').max = 512;   // the page declares max 1024
  assert.throws(() => createProps(widened), /hidden \(model\.hidden\): max 1024 above the engine's 512/);
  const missing = structuredClone(schema);
  missing.train = missing.train.filter((s) => s.key !== 'pi');
  assert.throws(() => createProps(missing), /'pi' is train\.pi, which the engine's schema lacks/);
});

test('the page\'s default settings are options the engine accepts, under the engine\'s keys', () => {
  const state = defaults(props);
  const session = new seqlab.Session();
  try {
    const summary = session.loadCorpus('the cat sat on the mat and the dog sat on the log '.repeat(200),
      optionsOf(props, state, 'corpus'));
    assert.ok(summary.tokens > 2000);
    assert.ok(session.buildNgram(optionsOf(props, state, 'ngram')).perplexity > 1);
    const created = session.createTrainer('t', optionsOf(props, state, 'model'), optionsOf(props, state, 'train'));
    assert.ok(created.parameterCount > 0);
    assert.equal(session.setTrainOptions('t', { truncation: 'random', pi: state.pi }).train.pi, state.pi);
  } finally {
    session.delete();
  }
});

test('hexadecimal, binary, octal and Infinity are not numbers of the URL (embedding=0x20 is not 32)', () => {
  for (const text of ['0x20', '0X20', '0b100000', '0o40', 'Infinity', '-Infinity', '1e400', '', ' ', '3 2', '32px',
    '+-3', '1e', '.', 'NaN']) {
    const parsed = parseValue(prop('hidden'), text);
    assert.equal(parsed.ok, false, `'${text}' must be refused`);
    assert.match(parsed.error, /^hidden must be a decimal number \(got '.*'\)$/, `message for '${text}'`);
  }
  const { state, errors } = readQuery(props, '?embedding=0x20&layers=2');
  assert.equal(state.embedding, defaults(props).embedding, 'the default stays, not Number("0x20") = 32');
  assert.notEqual(state.embedding, 32);
  assert.equal(state.layers, 2, 'the valid setting beside it is read');
  assert.deepEqual(errors, ["embedding must be a decimal number (got '0x20')"]);
});

test('decimal forms are read: integers, points, exponents, signs and surrounding spaces', () => {
  assert.deepEqual(parseValue(prop('hidden'), '32'), { ok: true, value: 32 });
  assert.deepEqual(parseValue(prop('hidden'), ' 48 '), { ok: true, value: 48 });
  assert.deepEqual(parseValue(prop('hidden'), '+16'), { ok: true, value: 16 });
  assert.deepEqual(parseValue(prop('hidden'), '1e2'), { ok: true, value: 100 });
  assert.deepEqual(parseValue(prop('hidden'), '64.0'), { ok: true, value: 64 });
  assert.deepEqual(parseValue(prop('lr'), '.5'), { ok: true, value: 0.5 });
  assert.deepEqual(parseValue(prop('lr'), '5.'), { ok: true, value: 5 });
  assert.deepEqual(parseValue(prop('lr'), '1E-3'), { ok: true, value: 0.001 });
  assert.deepEqual(parseValue(prop('lr'), '2.5e-2'), { ok: true, value: 0.025 });
  assert.deepEqual(parseValue(prop('eps'), '1,0.5,.25'), { ok: true, value: [1, 0.5, 0.25] });
  assert.equal(parseValue(prop('eps'), '1,0x2,3').ok, false);
  assert.equal(parseValue(prop('eps'), '1,2').ok, false, 'D2L has three epsilons');
});

test('integers and ranges are still checked after the number is read', () => {
  assert.deepEqual(parseValue(prop('hidden'), '64.5'), { ok: false, error: "hidden must be an integer (got '64.5')" });
  assert.equal(parseValue(prop('hidden'), '0').ok, false);
  assert.match(parseValue(prop('hidden'), '-3').error, /^hidden must be in \[1, 1024\] \(got -3\)$/);
  assert.match(parseValue(prop('layers'), '9').error, /^layers must be in \[1, 4\] \(got 9\)$/);
  assert.equal(parseValue(prop('lr'), '0').ok, false, 'the engine\'s learning rate is > 0');
});

test('random truncation: π is the probability of keeping a step, 0.5 by default', () => {
  const pi = prop('pi');
  assert.equal(pi.default, 0.5);
  assert.match(pi.help, /probability of keeping/);
  assert.doesNotMatch(pi.help, /stop/);
  assert.equal(pi.max, 1, 'keeping every step (π = 1) is full BPTT');
  assert.equal(parseValue(pi, '0').ok, false, 'π = 0 would keep nothing and scale by 1/0');
  assert.equal(parseValue(pi, '1').ok, true);
});

test('old names read as the current ones: gruVariant=seed is notes', () => {
  assert.deepEqual(parseValue(prop('gruVariant'), 'seed'), { ok: true, value: 'notes' });
  assert.equal(readQuery(props, '?gruVariant=seed').state.gruVariant, 'notes');
});

test('the query string holds only non-default values and reads back to the same state', () => {
  const state = { ...defaults(props), cell: 'lstm', hidden: 32, lr: 0.005, autostart: false, context: 'a q',
    eps: [1, 0.5, 0.25] };
  const query = writeQuery(props, state);
  assert.equal(query, '?eps=1%2C0.5%2C0.25&context=a+q&cell=lstm&hidden=32&lr=0.005&autostart=0');
  assert.deepEqual(readQuery(props, query), { state, errors: [] });
  assert.equal(writeQuery(props, defaults(props)), '');
});
