// seqlab.schema() against wasm/js/seqlab.d.ts: the keys of each option interface and its string-union
// types must be the schema's keys and choice lists (parsed from the .d.ts text, so a drift on either side
// fails here), and the schema's shape is the contract's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
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
  linearRnn: 'LinearRnnOptions', gateActivations: 'GateActivationsOptions', labModel: 'LabModelOptions', labTrain: 'LabTrainOptions',
  run: 'RunOptions', evaluateText: 'EvaluateTextOptions', ngramQuery: 'NgramQueryOptions',
  generateOutput: 'GenerateOutputOptions',
};

/** The groups only the command line reads (the page reads run's epochs as its own limit), by the command. */
const CLI_GROUPS = { run: 'train', evaluateText: 'eval', ngramQuery: 'ngram', generateOutput: 'generate' };
const cli = new URL('../../build/native/seqlab', import.meta.url).pathname;
const kebab = (key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

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

/**
 * Every numeric option of every group, and every list of numbers, with min - 1 and max + 1 (a list gets the
 * value as one element, the others at the default): the values one step outside the schema's range on each
 * side, generated from seqlab.schema() so that an option added later is covered without a line here.
 */
function outOfRangeCases(schema) {
  const cases = [];
  for (const [group, specs] of Object.entries(schema)) {
    for (const spec of specs) {
      const numeric = spec.type === 'int' || spec.type === 'number' ||
        (spec.type === 'list' && (spec.element === 'int' || spec.element === 'number'));
      if (!numeric) continue;
      for (const value of [spec.min - 1, spec.max + 1]) {
        // A bound at the edge of the doubles (1e308 + 1 is 1e308) has no value beyond it to send.
        if (!Number.isFinite(value) || value === spec.min || value === spec.max) continue;
        const sent = spec.type === 'list'
          ? Array.from({ length: Math.max(1, spec.minLength ?? 1) }, (_, i) => (i === 0 ? value : spec.default?.[i] ?? value))
          : value;
        cases.push({ group, key: spec.key, value, sent });
      }
    }
  }
  return cases;
}

test('the engine refuses min - 1 and max + 1 of every numeric option of every group, naming the option', () => {
  const text = 'the time machine by h g wells '.repeat(40);
  const s = new seqlab.Session();
  // Each group reaches the engine through the call that reads it (the page's calls, not a test hook).
  const send = {
    corpus: (o) => s.loadCorpus(text, o),
    task: (o) => s.loadTask(o),
    stats: (o) => s.corpusStats(o),
    ngram: (o) => s.buildNgram(o),
    model: (o) => s.createTrainer('t', o),
    train: (o) => s.createTrainer('t', {}, o),
    generate: (o) => s.generate('base', o),
    perplexity: (o) => s.ngramPerplexities(o),
    // The lab's sizes: the model and train entries with the lab's defaults, sent as a trainer's options.
    labModel: (o) => s.createTrainer('t', o),
    labTrain: (o) => s.createTrainer('t', {}, o),
    probe: (o) => s.probe('base', o),
    lossAndGradients: (o) => model.lossAndGradients(ids, ids, 2, 3, o),
    linearRnn: (o) => s.linearRnn({ rho: 0.9, ...o }),
    gateActivations: (o) => s.gateActivations('base', '', o),
  };
  const model = new seqlab.Model({ cell: 'rnn', vocab: 5, hidden: 3 });
  const ids = new Int32Array([0, 1, 2, 3, 4, 0]);
  try {
    s.loadCorpus(text);
    s.createTrainer('base', { hidden: 8 }, { batch: 2, steps: 5 });
    const cases = outOfRangeCases(seqlab.schema());
    assert.deepEqual([...Object.keys(send), ...Object.keys(CLI_GROUPS)].sort(), Object.keys(seqlab.schema()).sort(),
      'a call or a command for every group');
    for (const group of Object.keys(send)) assert.ok(cases.some((c) => c.group === group), `${group} has numeric options`);
    for (const { group, key, value } of cases.filter((c) => c.group in CLI_GROUPS)) {
      // The command line refuses the flag before it reads any file.
      const r = spawnSync(cli, [CLI_GROUPS[group], `--${kebab(key)}=${value}`], { encoding: 'utf8' });
      assert.equal(r.status, 2, `${group}.${key} = ${value} was accepted by seqlab ${CLI_GROUPS[group]}`);
      assert.ok(r.stderr.includes(`option --${kebab(key)} = ${value} is outside`), `${group}.${key}: ${r.stderr}`);
    }
    for (const { group, key, value, sent } of cases.filter((c) => !(c.group in CLI_GROUPS))) {
      assert.throws(() => send[group]({ [key]: sent }), (e) => {
        assert.ok(e.message.includes(key), `${group}.${key} = ${value}: the message names the option: ${e.message}`);
        return true;
      }, `${group}.${key} = ${value} was accepted`);
      // The corpus and the trainer the calls need are still there (a refusal leaves the session as it was).
      assert.equal(s.hasCorpus(), true);
    }
    console.log(`# ${cases.length} out-of-range values refused`);
    assert.throws(() => s.createTrainer('t', { hidden: '0x40' }), /hidden = '0x40' is not an integer/);
    // The message names the range too, for the model's integers as before.
    for (const spec of seqlab.schema().model.filter((x) => x.type === 'int' && x.key !== 'vocab' && x.key !== 'seed')) {
      assert.throws(() => s.createTrainer('t', { [spec.key]: spec.max + 1 }),
        (e) => e.message.includes(`${spec.key} = ${spec.max + 1} is outside [${spec.min}, ${spec.max}]`), spec.key);
    }
  } finally {
    model.delete();
    s.delete();
  }
});

test("an unknown option key names the key it was meant to be, from the schema's keys", () => {
  const corpus = new seqlab.Corpus('the time machine by h g wells '.repeat(20), { level: 'char' });
  try {
    assert.throws(() => new seqlab.Trainer(corpus, { hiden: 64 }), /model options: unknown key 'hiden' \(did you mean hidden\?\)/);
    assert.throws(() => new seqlab.Trainer(corpus, { hidden: 8 }, { learningRate: 0.1 }),
      (error) => !/did you mean/.test(error.message) && /unknown key 'learningRate' \(allowed: .*\blr\b/.test(error.message));
    assert.throws(() => new seqlab.Corpus('abc', { min_freq: 2 }), /unknown key 'min_freq' \(did you mean minFreq\?\)/);
    assert.throws(() => new seqlab.NgramModel(corpus, { smoothin: 'laplace' }), /did you mean smoothing\?/);
    const s = new seqlab.Session();
    try {
      s.loadCorpus('abcabcabc '.repeat(50), { level: 'char' });
      assert.throws(() => s.createTrainer('t', { cell: 'gru' }, { gradClip: 1 }), /unknown key 'gradClip'/);
      assert.throws(() => s.createTrainer('t', { cell: 'gru' }, { trunction: 'fixed' }), /did you mean truncation\?/);
    } finally {
      s.delete();
    }
  } finally {
    corpus.delete();
  }
});
