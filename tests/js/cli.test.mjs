// The CLI's flags and --help come from the option schema (seqlab.schema(), the same C++ tables): every key of
// the groups a command takes is a kebab-case flag whose help line shows its choices or range, and a refusal
// names the flag and that range. Natively and as WebAssembly under Node (bin/seqlab.cjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  ngram: [['corpus', []], ['ngram', []], ['generate', ['length', 'topK']], ['ngramQuery', []]],
  train: [['corpus', []], ['task', ['seed']], ['model', ['vocab', 'seed']], ['train', []], ['run', []]],
  generate: [['generate', []], ['generateOutput', []]],
  eval: [['evaluateText', []]],
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

// {status, stdout, stderr, error: the {"error"} line's text, warnings: the {"warning"} lines' texts}.
function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  const lines = result.stderr.trim() ? result.stderr.trim().split('\n').map((l) => JSON.parse(l)) : [];
  return { status: result.status, stdout: result.stdout, stderr: result.stderr,
    error: lines.find((l) => 'error' in l)?.error, warnings: lines.filter((l) => 'warning' in l).map((l) => l.warning) };
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
      assert.ok(keys >= 2, `${cmd}: only ${keys} keys checked`);
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
    assert.match(missing.error, /seqlab train needs a text: seqlab train FILE \(or --train FILE/);
  });

  test(`seqlab train prints one snake_case line per epoch and a final line; generate reads its checkpoint (${name})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqlab-cli-'));
    try {
      const ckpt = join(dir, 'm.seqlab');
      const out = run(command, [...prefix, 'train', '--train', dataPath, '--max-tokens', '3000', '--cell', 'rnn',
        '--hidden', '8', '--batch', '4', '--steps', '10', '--epochs', '2', '--seed', '1', '--predict', '10',
        '--truncation', 'fixed:5', '--prefix', 'time traveller', '--save', ckpt]);
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
      assert.equal(generated.steps, undefined);  // only with --show-top
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

// Issue 25: one way to pass a text, help on every command, "did you mean", flag names in the messages,
// warnings for ignored options and surprising defaults, divergence as exit code 3, reports that name their
// scope. Natively and in Node.
const small = ['--max-tokens', '3000', '--hidden', '8', '--batch', '4', '--steps', '10', '--predict', '5'];

for (const [name, command, prefix] of clis) {
  const cli = (...args) => run(command, [...prefix, ...args]);
  const json = (r) => JSON.parse(r.stdout.trim().split('\n').at(-1));

  test(`a text is a positional FILE for every command, its flag an alias; -h on every command (${name})`, () => {
    assert.deepEqual(json(cli('ngram', dataPath, '--n', '2')), json(cli('ngram', '--train', dataPath, '--n', '2')));
    assert.equal(json(cli('stats', dataPath, '--top', '2')).tokens, json(cli('stats', '--text', dataPath, '--top', '2')).tokens);
    const trained = cli('train', dataPath, ...small, '--epochs', '1');
    assert.equal(trained.status, 0, trained.stderr);
    const twice = cli('ngram', dataPath, '--train', dataPath);
    assert.equal(twice.status, 2);
    assert.match(twice.error, /the text is given twice/);
    const extra = cli('ngram', dataPath, dataPath);
    assert.match(extra.error, /unexpected argument '.*': seqlab ngram takes one FILE \(usage: seqlab ngram FILE \[options\]\)/);
    const unexpected = cli('generate', 'model.seqlab');
    assert.equal(unexpected.status, 2);
    assert.match(unexpected.error, /seqlab generate takes no positional argument/);
    for (const cmd of ['stats', 'ngram', 'train', 'generate', 'eval', 'export']) {
      for (const flag of ['-h', '--help']) {
        const help = cli(cmd, flag);
        assert.equal(help.status, 0, `${cmd} ${flag}`);
        assert.ok(help.stdout.startsWith(`usage: seqlab ${cmd} `), `${cmd} ${flag}: ${help.stdout.slice(0, 40)}`);
        assert.match(help.stdout, /exit codes: 0 done, 2 refused/);
      }
    }
    assert.match(cli('train', '-h').stdout, /3 training diverged/);
    assert.match(cli('--help').stdout, /exit codes: 0 done; 2 .*; 3 training\ndiverged/);
  });

  test(`seqlab alone prints a usage line to stderr and exits 2; mistyped names get "did you mean" (${name})`, () => {
    const alone = spawnSync(command, prefix, { encoding: 'utf8' });
    assert.equal(alone.status, 2);
    assert.equal(alone.stdout, '');
    assert.match(alone.stderr, /^usage: seqlab COMMAND/);
    assert.match(cli('trian', dataPath).error, /unknown command 'trian' \(did you mean train\?\)/);
    const flag = cli('ngram', dataPath, '--smoothin', 'laplace');
    assert.equal(flag.status, 2);
    assert.match(flag.error, /unknown option --smoothin \(did you mean --smoothing\?\) \(see seqlab ngram --help\)/);
    assert.match(cli('ngram', dataPath, '--smoothing', 'kneser-nay').error, /is not one of .* \(did you mean kneser-ney\?\)/);
    assert.match(cli('train', dataPath, '--cell', 'gur').error, /option --cell = 'gur' is not one of rnn, gru, lstm \(did you mean gru\?\)/);
    // One meaning per flag: generate's switch is --show-top; --top (a count elsewhere) is refused with the hint.
    const top = cli('generate', '--model', 'm.seqlab', '--top');
    assert.equal(top.status, 2);
    assert.match(top.error, /option --top: generate's switch is --show-top/);
    assert.match(cli('generate', '--help').stdout, /--show-top .*\(a switch\)/);
    assert.match(cli('ngram', '--help').stdout, /--sample .*the JS API's length/);
  });

  test(`messages name the flags, not the engine's variables (${name})`, () => {
    const short = cli('train', dataPath, '--max-tokens', '100', '--batch', '32', '--steps', '35', '--epochs', '1');
    assert.equal(short.status, 2);
    assert.match(short.error, /--batch 32 x --steps 35 needs at least/);
    assert.ok(!short.error.includes('num_steps'), short.error);
    // The tables' "<group> options: key" is the flag on the command line; words that are no key stay.
    assert.match(cli('stats', '--task', 'copy', '--lag', '2', '--copy-length', '5').error, /^option --copy-length = 5 must be at most lag = 2/);
    assert.match(cli('stats', '--task', 'temporal-order', '--lag', '2').error, /^task options: temporal-order needs lag >= 3/);
    assert.match(cli('train', '--task', 'copy', '--lag', '6', '--steps', '3').error,
      /--steps must be 9 and --iterator random, got --steps 3/);
  });

  test(`refused inputs: a file of only white space, a directory, a missing file (${name})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqlab-cli-'));
    try {
      const blank = join(dir, 'blank.txt');
      writeFileSync(blank, '  \n\t\n   ');
      for (const cmd of ['stats', 'ngram', 'train']) {
        const r = cli(cmd, blank);
        assert.equal(r.status, 2, cmd);
        assert.match(r.error, /holds only white space: there is no text to read/, cmd);
      }
      const sub = join(dir, 'folder');
      mkdirSync(sub);
      const folder = cli('stats', sub);
      assert.equal(folder.status, 2);
      assert.match(folder.error, /is a directory, not a file/);
      assert.match(cli('stats', join(dir, 'none.txt')).error, /cannot open file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`modified-kneser-ney gives a perplexity; stupid-backoff refuses one and still gives next tokens (${name})`, () => {
    const mkn = cli('ngram', dataPath, '--n', '5', '--smoothing', 'modified-kneser-ney');
    assert.equal(mkn.status, 0, mkn.stderr);
    const laplace = json(cli('ngram', dataPath, '--n', '5'));
    assert.equal(json(mkn).unseen, 0);
    assert.ok(json(mkn).perplexity > 1 && json(mkn).perplexity < laplace.perplexity, `${json(mkn).perplexity}`);
    // Stupid backoff: a perplexity is what plain `seqlab ngram` prints, so it is refused, with the reason.
    const bare = cli('ngram', dataPath, '--smoothing', 'stupid-backoff');
    assert.equal(bare.status, 2);
    assert.match(bare.error, /--smoothing stupid-backoff gives scores, not probabilities .* no perplexity/);
    assert.match(cli('ngram', dataPath, '--smoothing', 'stupid-backoff', '--next', 'the', '--eval', dataPath).error,
      /no perplexity for --eval/);
    const next = cli('ngram', dataPath, '--smoothing', 'stupid-backoff', '--next', 'the tim', '--top', '3');
    assert.equal(next.status, 0, next.stderr);
    const out = json(next);
    assert.equal(out.perplexity, null);
    assert.match(out.no_perplexity, /scores, not probabilities/);
    assert.equal(out.next[0].token, 'e');  // 'the tim' -> 'the time'
    assert.ok(out.next.every((e) => e.p > 0 && e.p <= 1));
  });

  test(`an ARPA file written by seqlab ngram --arpa scores the same perplexity in seqlab eval --arpa (${name})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqlab-arpa-'));
    try {
      const raw = readFileSync(dataPath, 'utf8');
      const train = join(dir, 'train.txt');
      const held = join(dir, 'held.txt');
      writeFileSync(train, raw.slice(0, 150000));
      writeFileSync(held, raw.slice(150000, 160000));
      const arpa = join(dir, 'model.arpa');
      for (const [level, n, smoothing] of [['char', 5, 'modified-kneser-ney'], ['char', 4, 'witten-bell'], ['word', 3, 'modified-kneser-ney']]) {
        const made = cli('ngram', train, '--level', level, '--n', String(n), '--smoothing', smoothing,
          '--eval', held, '--arpa', arpa);
        assert.equal(made.status, 0, made.stderr);
        const model = json(made);
        const scored = cli('eval', held, '--arpa', arpa);
        assert.equal(scored.status, 0, scored.stderr);
        const read = json(scored);
        assert.equal(read.order, n);
        assert.equal(read.counts[0], model.vocab_size);
        assert.equal(read.counts[n - 1], model.ngram_types);
        assert.equal(read.level, level);
        assert.equal(read.scored, model.scored);
        assert.ok(Math.abs(read.perplexity / model.perplexity - 1) < 1e-6, `${read.perplexity} ${model.perplexity}`);
        assert.match(readFileSync(arpa, 'utf8'), /^seqlab ngram: level=\w+ .*\n\\data\\\nngram 1=\d+\n/);
      }
      assert.match(cli('ngram', train, '--arpa', arpa).error, /back-off \(ARPA\) form .* laplace/);
      assert.match(cli('eval', held).error, /give either --model CHECKPOINT .* or --arpa FILE/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`warnings: on stderr and in the JSON's warnings for ignored options and surprising defaults (${name})`, () => {
    // --k with a smoothing that does not read it.
    const laplace = cli('ngram', dataPath, '--smoothing', 'laplace', '--k', '0.5');
    assert.equal(laplace.status, 0);
    assert.equal(laplace.warnings.length, 1);
    assert.match(laplace.warnings[0], /--k is ignored: .* --smoothing is laplace/);
    assert.deepEqual(json(laplace).warnings, laplace.warnings);
    const addK = cli('ngram', dataPath, '--smoothing', 'add-k', '--k', '0.5');
    assert.deepEqual([addK.warnings, json(addK).warnings], [[], undefined]);
    // Out-of-vocabulary words in --next, with their count; a greedy --sample.
    const next = cli('ngram', dataPath, '--level', 'word', '--next', 'the zyzzyva quux', '--top', '2');
    assert.match(next.warnings[0], /--next: 2 of 3 tokens are not in the model's vocabulary .*"zyzzyva", "quux"/);
    const sample = cli('ngram', dataPath, '--n', '3', '--sample', '10', '--prefix', 'the time');
    assert.match(sample.warnings[0], /--sample at --temperature 0 .* is greedy/);
    assert.deepEqual(cli('ngram', dataPath, '--n', '3', '--sample', '10', '--prefix', 'the', '--temperature', '1').warnings, []);

    const dir = mkdtempSync(join(tmpdir(), 'seqlab-cli-'));
    try {
      // Another text: the default prefix is its own first words, not a Time Machine phrase.
      const other = join(dir, 'other.txt');
      writeFileSync(other, 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu\n'.repeat(40));
      const ckpt = join(dir, 'w.seqlab');
      const words = cli('train', other, '--level', 'word', '--hidden', '8', '--batch', '4', '--steps', '5',
        '--epochs', '1', '--predict', '3', '--save', ckpt);
      assert.equal(words.status, 0, words.stderr);
      assert.ok(json(words).prediction.startsWith('alpha beta '), json(words).prediction);
      assert.equal(json(words).prefix, 'alpha beta');
      const chars = json(cli('train', dataPath, ...small, '--epochs', '1'));
      assert.equal(chars.prefix, 'the time');  // The Time Machine's first characters, cut at a word's end
      // Out-of-vocabulary words in generate's prefix and in eval's text, with their count.
      const generated = cli('generate', '--model', ckpt, '--prefix', 'alpha omega', '--length', '2');
      assert.equal(generated.status, 0);
      assert.match(generated.warnings[0], /--prefix: 1 of 2 tokens .*"omega"/);
      assert.deepEqual(json(generated).warnings, generated.warnings);
      const unknownText = join(dir, 'unknown.txt');
      writeFileSync(unknownText, 'alpha beta omega gamma psi psi');
      const evaluated = cli('eval', unknownText, '--model', ckpt);
      assert.equal(evaluated.status, 0);
      assert.match(evaluated.warnings[0], /the text: 3 of 6 tokens are not in the model's vocabulary .*"omega", "psi"/);
      assert.deepEqual(json(evaluated), json(cli('eval', '--text', unknownText, '--model', ckpt)));
      // --top-k at temperature 0 is ignored.
      const topK = cli('generate', '--model', ckpt, '--prefix', 'alpha', '--top-k', '3', '--length', '2');
      assert.match(topK.warnings[0], /--top-k is ignored at --temperature 0/);
      assert.deepEqual(cli('generate', '--model', ckpt, '--prefix', 'alpha', '--top-k', '3', '--temperature', '1',
        '--length', '2').warnings, []);
      const noPrefix = cli('generate', '--model', ckpt);
      assert.equal(noPrefix.status, 2);
      assert.match(noPrefix.error, /seqlab generate needs --prefix TEXT/);
      // --resume without --save.
      const resumed = cli('train', other, '--resume', ckpt, '--epochs', '1');
      assert.equal(resumed.status, 0, resumed.stderr);
      assert.match(resumed.warnings[0], /--resume without --save: the continued run is trained and then thrown away/);
      assert.deepEqual(json(resumed).warnings, resumed.warnings);
      assert.deepEqual(cli('train', other, '--resume', ckpt, '--epochs', '1', '--save', join(dir, 'w2.seqlab')).warnings, []);
      const named = cli('train', other, '--resume', ckpt, '--hidden', '16', '--level', 'word');
      assert.match(named.error, /leave out --level --hidden|leave out --hidden --level/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`a diverging run says so: "diverged": true, a message on stderr, exit code 3 (${name})`, () => {
    const r = cli('train', dataPath, ...small, '--optimizer', 'adam', '--lr', '1000', '--clip', '0', '--epochs', '3');
    assert.equal(r.status, 3, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const final = lines.at(-1);
    assert.equal(final.final, true);
    assert.equal(final.diverged, true);
    assert.match(final.message, /diverged/);
    assert.ok(lines.slice(0, -1).some((l) => l.diverged === true), 'an epoch line says it');
    assert.ok(r.warnings.some((w) => /diverged/.test(w)), r.stderr);
    const fine = cli('train', dataPath, ...small, '--epochs', '1');
    assert.equal(fine.status, 0);
    assert.equal(json(fine).diverged, undefined);
  });

  test(`train's lines name their scope: steps and call_tokens of the epoch, run_steps and run_tokens of the run (${name})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqlab-cli-'));
    try {
      const ckpt = join(dir, 'm.seqlab');
      const first = cli('train', dataPath, ...small, '--epochs', '2', '--save', ckpt);
      const lines = first.stdout.trim().split('\n').map((l) => JSON.parse(l));
      const [e1, e2, final] = lines;
      const perEpoch = e1.steps;
      assert.ok(perEpoch > 0);
      assert.deepEqual([e2.steps, e1.run_steps, e2.run_steps], [perEpoch, perEpoch, 2 * perEpoch]);
      assert.deepEqual([e1.call_tokens, e2.run_tokens], [perEpoch * 4 * 10, 2 * perEpoch * 4 * 10]);
      assert.equal(e2.tokens, e2.run_tokens);  // the old name
      assert.deepEqual([final.run_steps, final.run_tokens], [e2.run_steps, e2.run_tokens]);
      // A resumed run goes on counting the run's steps; the epoch's own stay per epoch.
      const more = cli('train', dataPath, '--resume', ckpt, '--epochs', '1', '--save', ckpt);
      const [e3] = more.stdout.trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual([e3.epoch, e3.steps, e3.run_steps], [3, perEpoch, 3 * perEpoch]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
