// The CLI's flags and --help come from the option schema (seqlab.schema(), the same C++ tables): every key of
// the groups a command takes is a kebab-case flag whose help line shows its choices or range, and a refusal
// names the flag and that range. Natively and as WebAssembly under Node (bin/seqlab.cjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const root = new URL('../../', import.meta.url);
const dataPath = new URL('web/assets/timemachine.txt', root).pathname;
const seqlab = await createSeqlab();
const schema = seqlab.schema();

const clis = [
  ['native', new URL('build/native/seqlab', root).pathname, []],
  ['node', process.execPath, [new URL('bin/seqlab.cjs', root).pathname]],
];

// The groups each command takes, less the keys it leaves out (the model's vocab is the corpus's, its seed
// the train options' seed; stats read the whole text; the n-gram sample's length is --sample).
const commands = {
  stats: [['corpus', ['valFraction']], ['task', []], ['stats', []]],
  ngram: [['corpus', []], ['ngram', []], ['generate', ['length', 'topK']]],
  train: [['corpus', []], ['task', ['seed']], ['model', ['vocab', 'seed']], ['train', []]],
  generate: [['generate', []]],
};

const kebab = (key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const range = (s) => `${s.minExclusive ? '(' : '['}${s.min}, ${s.max}${s.maxExclusive ? ')' : ']'}`;
// What the help line must say about the allowed values, written here from the Spec fields.
function allowed(spec) {
  switch (spec.type) {
    case 'int': return `an integer in ${range(spec)}`;
    case 'number': return `a number in ${range(spec)}`;
    case 'choice': return `one of ${spec.choices.join(', ')}`;
    case 'list': return 'a list of ';
    default: return '';
  }
}

function run(command, args) {
  try {
    return { status: 0, stdout: execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    return { status: error.status, stdout: error.stdout, error: JSON.parse(error.stderr).error };
  }
}

for (const [name, command, prefix] of clis) {
  test(`every command's --help lists its schema groups' keys with their ranges (${name})`, () => {
    for (const [cmd, groups] of Object.entries(commands)) {
      const help = run(command, [...prefix, cmd, '--help']).stdout;
      const lines = help.split('\n');
      let keys = 0;
      for (const [group, skip] of groups) {
        assert.ok(help.includes(`${group} options:`), `${cmd}: section ${group}`);
        for (const spec of schema[group]) {
          const line = lines.find((l) => l.startsWith(`  --${kebab(spec.key)} `));
          if (skip.includes(spec.key)) continue;  // may be absent; another group may own the same flag name
          assert.ok(line, `${cmd}: --${kebab(spec.key)} missing`);
          assert.ok(line.includes(spec.help), `${cmd} --${kebab(spec.key)}: help`);
          assert.ok(line.includes(allowed(spec)), `${cmd} --${kebab(spec.key)}: ${line} lacks ${allowed(spec)}`);
          ++keys;
        }
      }
      assert.ok(keys >= 4, `${cmd}: only ${keys} keys checked`);
      // Keys left out are no flags (unless another group of the command has the same key).
      const absent = { stats: '--val-fraction', ngram: '--length', train: '--vocab' }[cmd];
      if (absent) assert.ok(!lines.some((l) => l.startsWith(`  ${absent} `)), `${cmd}: ${absent} should not be a flag`);
    }
  });

  test(`refusals name the flag and the schema's range or choices (${name})`, () => {
    const hidden = schema.model.find((s) => s.key === 'hidden');
    const cell = schema.model.find((s) => s.key === 'cell');
    const base = [...prefix, 'train', '--train', dataPath, '--epochs', '0', '--predict', '0'];
    for (const [flag, value, expected] of [
      ['--hidden', '0', `[${hidden.min}, ${hidden.max}]`],
      ['--hidden', '0x40', `[${hidden.min}, ${hidden.max}]`],   // hex is not read as 64
      ['--hidden', '64.5', `[${hidden.min}, ${hidden.max}]`],
      ['--cell', 'foo', cell.choices.join(', ')],
    ]) {
      const r = run(command, [...base, flag, value]);
      assert.equal(r.status, 2, `${flag} ${value}`);
      assert.ok(r.error.includes(`option ${flag}`) && r.error.includes(value), r.error);
      assert.ok(r.error.includes(expected), `${r.error} lacks ${expected}`);
    }
    const epochs = run(command, [...prefix, 'train', '--train', dataPath, '--epochs', '-1']);
    assert.equal(epochs.status, 2);
    assert.match(epochs.error, /option --epochs .*\[0, 1000000\]/);
    const unknown = run(command, [...prefix, 'stats', dataPath, '--val-fraction', '0.2']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.error, /unknown option --val-fraction/);
    const missing = run(command, [...prefix, 'train', '--epochs', '1']);
    assert.match(missing.error, /--train is required/);
  });

  test(`seqlab train prints one snake_case line per epoch and a final line; generate reads its checkpoint (${name})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqlab-cli-'));
    try {
      const ckpt = join(dir, 'm.seqlab');
      const out = run(command, [...prefix, 'train', '--train', dataPath, '--max-tokens', '3000', '--cell', 'rnn',
        '--hidden', '8', '--batch', '4', '--steps', '10', '--epochs', '2', '--seed', '1', '--predict', '10',
        '--truncation', 'fixed:5', '--save', ckpt]);
      assert.equal(out.status, 0);
      const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, 3);
      assert.deepEqual(lines.slice(0, 2).map((l) => l.epoch), [1, 2]);
      for (const key of ['train_ppl', 'val_ppl', 'tokens_per_s', 'grad_norm', 'clip_fraction', 'tokens'])
        assert.equal(typeof lines[0][key], 'number', key);
      const final = lines[2];
      assert.equal(final.final, true);
      assert.equal(final.train_tokens + final.val_tokens, 3000);
      assert.equal(final.val_tokens, 300);  // the default valFraction 0.1 of 3000 tokens
      assert.equal(final.train.truncation, 'fixed');
      assert.equal(final.train.tau, 5);
      assert.equal(final.model.hidden, 8);
      assert.ok(final.prediction.startsWith('time traveller'));
      const generated = JSON.parse(run(command, [...prefix, 'generate', '--model', ckpt, '--prefix', 'time',
        '--length', '10']).stdout);
      assert.ok(generated.text.startsWith('time'));
      assert.equal(generated.steps, undefined);  // only with --top
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

// A memory task through the CLI: the report's samples are read back here by splitting the examples, and the
// epoch lines carry the answer metrics beside the chance loss ln 4 (4 keys).
test('stats --task and train --task: the task report and the answer metrics, natively and in Node', () => {
  for (const [, command, prefix] of clis) {
    const stats = JSON.parse(execFileSync(command, [...prefix, 'stats', '--task', 'copy', '--lag', '6', '--copy-length', '2',
      '--samples', '64', '--val-samples', '16'], { encoding: 'utf8' }));
    assert.deepEqual(stats.task.answer_steps, [6, 7]);
    for (const example of stats.task.examples) {
      const tokens = example.split(' ');
      assert.equal(tokens.length, 9);
      assert.equal(tokens[6], ':');
      assert.deepEqual(tokens.slice(7), tokens.slice(0, 2));
    }
    const lines = execFileSync(command, [...prefix, 'train', '--task', 'first-symbol', '--lag', '3', '--samples', '256',
      '--val-samples', '32', '--cell', 'gru', '--hidden', '16', '--optimizer', 'adam', '--lr', '0.02', '--epochs', '2'],
    { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
    const epochs = lines.filter((l) => !l.final);
    assert.equal(epochs.length, 2);
    for (const line of epochs) {
      assert.ok(line.answer_accuracy >= 0 && line.answer_accuracy <= 1);
      assert.equal(Math.round(line.answer_accuracy * 32), line.answer_accuracy * 32);  // a count of 32 answers
      assert.ok(Math.abs(line.chance_loss - Math.log(4)) < 1e-12);
      assert.equal(line.steps % 8, 0);  // 256 samples / batch 32 = 8 minibatches an epoch
    }
    assert.equal(lines.at(-1).task.sample_length, 5);
    assert.equal(lines.at(-1).train.steps, 4);
  }
});
