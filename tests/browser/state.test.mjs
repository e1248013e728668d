// The page's settings list (web/js/state.js, a pure module) read in Node: URL values are plain decimal
// numbers only, each bad value is reported and falls back to its default, and the query string written
// back holds only the values that differ from the defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROP_BY_NAME, defaults, parseValue, readQuery, writeQuery } from '../../web/js/state.js';

const hidden = PROP_BY_NAME.get('hidden');
const lr = PROP_BY_NAME.get('lr');

test('hexadecimal, binary, octal and Infinity are not numbers of the URL (hidden=0x20 is not 32)', () => {
  for (const text of ['0x20', '0X20', '0b100000', '0o40', 'Infinity', '-Infinity', '1e400', '', ' ', '3 2', '32px',
    '+-3', '1e', '.', 'NaN']) {
    const parsed = parseValue(hidden, text);
    assert.equal(parsed.ok, false, `'${text}' must be refused`);
    assert.match(parsed.error, /^hidden must be a decimal number \(got '.*'\)$/, `message for '${text}'`);
  }
  const { state, errors } = readQuery('?hidden=0x20&layers=2');
  assert.equal(state.hidden, defaults().hidden, 'the default stays, not Number("0x20") = 32');
  assert.notEqual(state.hidden, 32);
  assert.equal(state.layers, 2, 'the valid setting beside it is read');
  assert.deepEqual(errors, ["hidden must be a decimal number (got '0x20')"]);
});

test('decimal forms are read: integers, points, exponents, signs and surrounding spaces', () => {
  assert.deepEqual(parseValue(hidden, '32'), { ok: true, value: 32 });
  assert.deepEqual(parseValue(hidden, ' 48 '), { ok: true, value: 48 });
  assert.deepEqual(parseValue(hidden, '+16'), { ok: true, value: 16 });
  assert.deepEqual(parseValue(hidden, '1e2'), { ok: true, value: 100 });
  assert.deepEqual(parseValue(hidden, '64.0'), { ok: true, value: 64 });
  assert.deepEqual(parseValue(lr, '.5'), { ok: true, value: 0.5 });
  assert.deepEqual(parseValue(lr, '5.'), { ok: true, value: 5 });
  assert.deepEqual(parseValue(lr, '1E-3'), { ok: true, value: 0.001 });
  assert.deepEqual(parseValue(lr, '2.5e-2'), { ok: true, value: 0.025 });
});

test('integers and ranges are still checked after the number is read', () => {
  assert.deepEqual(parseValue(hidden, '64.5'), { ok: false, error: "hidden must be an integer (got '64.5')" });
  assert.equal(parseValue(hidden, '0').ok, false);
  assert.match(parseValue(hidden, '-3').error, /^hidden must be in \[1, \d+\] \(got -3\)$/);
  assert.match(parseValue(lr, '0').error, /^lr must be in \[/);
});

test('random truncation: π is the probability of keeping a step, 0.5 by default', () => {
  const pi = PROP_BY_NAME.get('pi');
  assert.equal(pi.default, 0.5);
  assert.match(pi.help, /probability of keeping/);
  assert.doesNotMatch(pi.help, /stop/);
  assert.equal(pi.max, 1, 'keeping every step (π = 1) is full BPTT');
  assert.equal(parseValue(pi, '0').ok, false, 'π = 0 would keep nothing and scale by 1/0');
});

test('the query string holds only non-default values and reads back to the same state', () => {
  const state = { ...defaults(), cell: 'lstm', hidden: 32, lr: 0.005, autostart: false, context: 'a q' };
  const query = writeQuery(state);
  assert.equal(query, '?context=a+q&cell=lstm&hidden=32&lr=0.005&autostart=0');
  assert.deepEqual(readQuery(query), { state, errors: [] });
  assert.equal(writeQuery(defaults()), '');
});
