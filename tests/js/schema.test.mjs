// seqlab.schema() against wasm/js/seqlab.d.ts: the keys of each option interface and its string-union
// types must be the schema's keys and choice lists (parsed from the .d.ts text, so a drift on either side
// fails here), and the schema's shape is the contract's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const seqlab = await createSeqlab();
// The option interfaces live in seqlab-options.d.ts (generated, scripts/generate-dts.mjs), the rest in seqlab.d.ts.
const dts = ['seqlab.d.ts', 'seqlab-options.d.ts']
  .map((file) => readFileSync(new URL(`../../wasm/js/${file}`, import.meta.url), 'utf8')).join('\n');

/** The members of `export interface NAME { ... }`: {key: type text}. Comments are dropped. */
function interfaceMembers(name) {
  const start = dts.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `interface ${name} in seqlab.d.ts`);
  let depth = 0;
  let end = start;
  for (let i = dts.indexOf('{', start); i < dts.length; ++i) {
    if (dts[i] === '{') depth++;
    if (dts[i] === '}' && --depth === 0) { end = i; break; }
  }
  const body = dts.slice(dts.indexOf('{', start) + 1, end).replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const members = {};
  for (const m of body.matchAll(/^\s*(\w+)\??:\s*([^;]+);/gm)) members[m[1]] = m[2].trim();
  return members;
}

/** "'a' | 'b'" -> ['a', 'b'], or null when the type is not a union of string literals. */
function stringUnion(type) {
  const parts = type.split('|').map((p) => p.trim());
  if (!parts.every((p) => /^'[^']*'$/.test(p))) return null;
  return parts.map((p) => p.slice(1, -1));
}

const groups = {
  corpus: 'CorpusOptions', task: 'TaskOptions', stats: 'StatsOptions', ngram: 'NgramOptions',
  perplexity: 'NgramPerplexityOptions', model: 'ModelConfig',
  train: 'TrainOptions', generate: 'GenerateOptions', probe: 'ProbeOptions', lossAndGradients: 'LossAndGradientsOptions',
  linearRnn: 'LinearRnnOptions', labModel: 'LabModelOptions', labTrain: 'LabTrainOptions',
};

test('schema(): every group, every spec with the contract shape', () => {
  const schema = seqlab.schema();
  assert.deepEqual(Object.keys(schema), Object.keys(groups));
  const types = new Set(['int', 'number', 'choice', 'bool', 'string', 'list']);
  for (const [group, specs] of Object.entries(schema)) {
    assert.ok(specs.length > 0, group);
    for (const spec of specs) {
      assert.equal(typeof spec.key, 'string');
      assert.ok(/^[a-z][A-Za-z0-9]*$/.test(spec.key), `${group}.${spec.key} is camelCase`);
      assert.ok(types.has(spec.type), `${group}.${spec.key}: ${spec.type}`);
      assert.ok('default' in spec && typeof spec.help === 'string' && spec.help.length > 0, `${group}.${spec.key}`);
      if (spec.type === 'choice') assert.ok(spec.choices.includes(spec.default), `${group}.${spec.key} default`);
      if (spec.type === 'int' || spec.type === 'number') {
        assert.ok(spec.minExclusive ? spec.default > spec.min : spec.default >= spec.min, `${group}.${spec.key} min`);
        assert.ok(spec.maxExclusive ? spec.default < spec.max : spec.default <= spec.max, `${group}.${spec.key} max`);
      }
    }
  }
  const train = Object.fromEntries(schema.train.map((s) => [s.key, s]));
  assert.deepEqual(train.truncation.choices, ['full', 'fixed', 'random']);
  assert.equal(train.pi.min, 0);
  assert.equal(train.pi.minExclusive, true);
  assert.equal(train.pi.max, 1);
  const model = Object.fromEntries(schema.model.map((s) => [s.key, s]));
  assert.deepEqual(model.gruVariant.aliases, { seed: 'notes' });
  assert.notEqual(seqlab.schema(), schema);  // a fresh copy: callers may narrow it for the page
});

test('seqlab.d.ts option interfaces have exactly the schema keys and choice lists', () => {
  const schema = seqlab.schema();
  for (const [group, name] of Object.entries(groups)) {
    const members = interfaceMembers(name);
    assert.deepEqual(Object.keys(members).sort(), schema[group].map((s) => s.key).sort(), `${name} keys`);
    for (const spec of schema[group]) {
      const union = stringUnion(members[spec.key]);
      if (spec.type === 'choice') assert.deepEqual(union, spec.choices, `${name}.${spec.key} choices`);
      else assert.equal(union, null, `${name}.${spec.key} is not a choice in the schema`);
    }
  }
});

test('the engine refuses what the schema refuses, naming the range', () => {
  const s = new seqlab.Session();
  try {
    s.loadCorpus('the time machine by h g wells '.repeat(40));
    for (const spec of seqlab.schema().model.filter((x) => x.type === 'int' && x.key !== 'vocab' && x.key !== 'seed')) {
      assert.throws(() => s.createTrainer('t', { [spec.key]: spec.max + 1 }),
        (e) => e.message.includes(`${spec.key} = ${spec.max + 1} is outside [${spec.min}, ${spec.max}]`), spec.key);
    }
    assert.throws(() => s.createTrainer('t', { hidden: '0x40' }), /hidden = '0x40' is not an integer/);
  } finally {
    s.delete();
  }
});
