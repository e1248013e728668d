// Checkpoints that resume, from JS and from the CLI (issue 14). A run saved, loaded and continued must be the
// run that was never interrupted: the same reports and curve, and the same checkpoint bytes at the end. The
// reference is the uninterrupted run of the same build (bit equality holds per build, not across builds).
//
// Timing: reports and CLI lines carry wall-clock fields (seconds, tokensPerS / tokens_per_s), which differ
// between ANY two runs, interrupted or not. They are removed before comparing, and only they: the test
// checks that the removed keys are exactly those. The curve and the checkpoint hold no wall-clock field, so
// they are compared whole, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSeqlab } from '../../web/engine/seqlab.mjs';

const seqlab = await createSeqlab();
const root = new URL('../../', import.meta.url);
const dataPath = new URL('web/assets/timemachine.txt', root).pathname;
const fullText = readFileSync(dataPath, 'utf8');
const text = fullText.slice(0, 3000);
const corpusOptions = { level: 'char', valFraction: 0.1 };
const timingKeys = ['seconds', 'tokensPerS', 'tokens_per_s'];

function withoutTiming(report) {
  const out = { ...report };
  for (const key of timingKeys) delete out[key];
  return out;
}

const SLICE = 37;  // an epoch is 84 minibatches: saves fall inside epochs
function trainSlices(session, count) {
  const out = [];
  for (let i = 0; i < count; ++i) {
    out.push(withoutTiming(session.run('t', SLICE)));
    out.push(session.evaluate('t'));
  }
  return out;
}

function newSession() {
  const s = new seqlab.Session();
  s.loadCorpus(text, corpusOptions);
  return s;
}

const settings = [];
for (const cell of ['gru', 'lstm']) {
  for (const optimizer of ['sgd', 'adam']) {
    for (const iterator of ['random', 'sequential']) {
      for (const truncation of ['fixed', 'random']) settings.push({ cell, optimizer, iterator, truncation });
    }
  }
}

test('Session: 4 slices, save, load in a new session, 4 more = 8 uninterrupted (reports, curve, bytes)', () => {
  for (const { cell, optimizer, iterator, truncation } of settings) {
    const label = `${cell} ${optimizer} ${iterator} ${truncation}`;
    const model = { cell, hidden: 12 };
    const train = { batch: 4, steps: 8, seed: 7, clip: 1, lr: optimizer === 'adam' ? 0.01 : 1, optimizer, iterator,
      truncation, tau: 3, pi: 0.3 };
    const straight = newSession();
    const first = newSession();
    const second = newSession();
    try {
      straight.createTrainer('t', model, train);
      const expected = trainSlices(straight, 8);
      first.createTrainer('t', model, train);
      const got = trainSlices(first, 4);
      const loaded = second.loadTrainer('t', first.save('t'));
      assert.equal(loaded.resumable, true, label);
      assert.deepEqual(loaded.options.warnings, [], label);
      assert.equal(loaded.progress.totalSteps, 4 * SLICE, label);
      assert.deepEqual(loaded.curve, first.curve('t'), label);
      got.push(...trainSlices(second, 4));
      assert.deepEqual(got, expected, label);
      assert.deepEqual(second.curve('t'), straight.curve('t'), label);
      assert.deepEqual(second.save('t'), straight.save('t'), label);
    } finally {
      straight.delete();
      first.delete();
      second.delete();
    }
  }
  // What withoutTiming removes from a report is exactly the wall-clock fields.
  const s = newSession();
  try {
    s.createTrainer('t', { hidden: 4 }, { batch: 4, steps: 8 });
    const report = s.run('t', 1);
    assert.deepEqual(Object.keys(report).filter((k) => !(k in withoutTiming(report))), ['seconds', 'tokensPerS']);
  } finally {
    s.delete();
  }
});

test('Session: loadCorpus gives the hash; curve(name) has run and validation points; loadTrainer per the contract', () => {
  const s = newSession();
  const other = new seqlab.Session();
  const bare = new seqlab.Session();
  try {
    const { hash } = s.loadCorpus(text, corpusOptions);
    assert.match(hash, /^[0-9a-f]{16}$/);
    assert.equal(s.loadCorpus(text, corpusOptions).hash, hash);
    s.createTrainer('t', { hidden: 8 }, { batch: 4, steps: 8 });
    s.run('t', 5);
    s.evaluate('t');
    const curve = s.curve('t');
    assert.equal(curve.length, 2);
    assert.deepEqual(Object.keys(curve[0]).sort(),
      ['clipFraction', 'epoch', 'gradNorm', 'loss', 'perplexity', 'tokens', 'totalSteps']);
    assert.deepEqual(Object.keys(curve[1]).sort(), ['epoch', 'tokens', 'valPerplexity']);
    const bytes = s.save('t');

    // Another corpus: refused, naming both hashes.
    const otherHash = other.loadCorpus(fullText.slice(3000, 6000), corpusOptions).hash;
    assert.notEqual(otherHash, hash);
    assert.throws(() => other.loadTrainer('t', bytes), (e) => e instanceof Error &&
      /trained on another corpus/.test(e.message) && e.message.includes(hash) && e.message.includes(otherHash));
    assert.deepEqual(other.trainerNames(), []);

    // No corpus: generation only.
    const g = bare.loadTrainer('g', bytes);
    assert.equal(g.resumable, false);
    assert.equal(g.progress.totalSteps, 5);
    assert.equal(bare.generate('g', { prefix: 'the', length: 5 }).generated.length, 5);
    assert.throws(() => bare.run('g', 1), /without a corpus/);
  } finally {
    s.delete();
    other.delete();
    bare.delete();
  }
});

test('Session: a checkpoint of the release before format 2 loads, and resumes with a fresh optimizer said plainly', () => {
  const bytes = new Uint8Array(readFileSync(new URL('tests/data/checkpoints/format1-gru.ckpt', root)));
  const s = new seqlab.Session();
  try {
    s.loadCorpus(fullText, { level: 'char' });
    const loaded = s.loadTrainer('old', bytes);
    assert.equal(loaded.resumable, true);
    assert.equal(loaded.options.warnings.length, 1);
    assert.match(loaded.options.warnings[0], /fresh optimizer/);
    assert.equal(s.run('old', 3).steps, 3);
  } finally {
    s.delete();
  }
});

test('Trainer: a trainer loaded from bytes with its corpus continues with run()', () => {
  const corpus = new seqlab.Corpus(text, corpusOptions);
  const model = { cell: 'lstm', hidden: 8 };
  const train = { batch: 4, steps: 8, iterator: 'sequential', optimizer: 'adam', lr: 0.01, seed: 2 };
  const straight = new seqlab.Trainer(corpus, model, train);
  const first = new seqlab.Trainer(corpus, model, train);
  let resumed;
  let bare;
  try {
    const expected = [straight.run(30), straight.run(30)].map(withoutTiming);
    const got = [withoutTiming(first.run(30))];
    const bytes = first.save();
    bare = seqlab.Trainer.load(bytes);
    assert.equal(bare.resumable, false);
    assert.ok(bare instanceof seqlab.LoadedModel);
    assert.equal('run' in bare, false);   // it cannot train: there is no run() to call
    resumed = seqlab.Trainer.load(bytes, corpus);
    assert.equal(resumed.resumable, true);
    assert.ok(resumed instanceof seqlab.Trainer);
    assert.equal(resumed.progress.totalSteps, 30);
    got.push(withoutTiming(resumed.run(30)));
    assert.deepEqual(got, expected);
    assert.deepEqual(resumed.curve, straight.curve);
    assert.deepEqual(resumed.save(), straight.save());
    assert.throws(() => seqlab.Trainer.load(bytes, {}), /live seqlab.Corpus/);
  } finally {
    for (const t of [straight, first, resumed, bare]) t?.delete();
    corpus.delete();
  }
});

// ---- a new process, mid-epoch ----
// The CLI resumes at epoch ends only; here a Session in one Node process trains 37 minibatches (inside the
// first epoch of 84, where the sequential iterator carries its state and the random one is half through its
// shuffle), saves, and exits; a second process, which shares nothing with the first but the file, loads it
// and trains 37 more. Its reports, validation, curve and final checkpoint bytes (the weights, the optimizer's
// moments, the generator) are those of this process's uninterrupted run of 74.
const childScript = `
import { readFileSync, writeFileSync } from 'node:fs';
import { createSeqlab } from ${JSON.stringify(new URL('web/engine/seqlab.mjs', root).href)};
const [mode, file, model, train] = process.argv.slice(1);
const seqlab = await createSeqlab();
const s = new seqlab.Session();
s.loadCorpus(${JSON.stringify(text)}, ${JSON.stringify(corpusOptions)});
if (mode === 'first') s.createTrainer('t', JSON.parse(model), JSON.parse(train));
else s.loadTrainer('t', new Uint8Array(readFileSync(file)));
const reports = [s.run('t', ${SLICE}), s.evaluate('t')];
writeFileSync(file, s.save('t'));
process.stdout.write(JSON.stringify({ reports, curve: s.curve('t') }));
`;

function inChild(mode, file, model, train) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', childScript, mode, file,
    JSON.stringify(model), JSON.stringify(train)], { encoding: 'utf8', stdio: 'pipe' });
  return JSON.parse(out);
}

test('Session: saved mid-epoch by one process, resumed by a fresh one = the uninterrupted run (reports, bytes)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'seqlab-resume-process-'));
  try {
    for (const [cell, optimizer, iterator, truncation] of [['lstm', 'adam', 'sequential', 'random'],
      ['gru', 'sgd', 'random', 'random']]) {
      const label = `${cell} ${optimizer} ${iterator} ${truncation}`;
      const model = { cell, hidden: 12 };
      const train = { batch: 4, steps: 8, seed: 7, clip: 1, lr: optimizer === 'adam' ? 0.01 : 1, optimizer, iterator,
        truncation, pi: 0.3 };
      const file = join(dir, `${cell}.ckpt`);
      const first = inChild('first', file, model, train);
      const middle = new Uint8Array(readFileSync(file));
      const second = inChild('second', file, model, train);

      const straight = newSession();
      const probe = newSession();
      try {
        straight.createTrainer('t', model, train);
        const expected = [straight.run('t', SLICE), straight.evaluate('t'), straight.run('t', SLICE), straight.evaluate('t')];
        // The save fell inside the first epoch (37 of its 84 or 83 minibatches).
        const loaded = probe.loadTrainer('t', middle);
        assert.equal(loaded.progress.totalSteps, SLICE, label);
        assert.ok(loaded.progress.epoch > 0.4 && loaded.progress.epoch < 0.5, `${label}: epoch ${loaded.progress.epoch}`);
        const got = [...first.reports, ...second.reports];
        assert.deepEqual(got.map((r) => ('loss' in r ? withoutTiming(r) : r)),
          expected.map((r) => ('loss' in r ? withoutTiming(r) : r)), label);
        assert.equal(expected[2].epochEnd, false, label);
        assert.deepEqual(second.curve, straight.curve('t'), label);
        assert.deepEqual(new Uint8Array(readFileSync(file)), straight.save('t'), label);
      } finally {
        straight.delete();
        probe.delete();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---- the CLI: natively and as WebAssembly under Node ----

const clis = [
  ['native', new URL('build/native/seqlab', root).pathname, []],
  ['node', process.execPath, [new URL('bin/seqlab.cjs', root).pathname]],
];

function runCli(command, args, cwd) {
  try {
    return { status: 0, stdout: execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe', cwd }) };
  } catch (error) {
    // stderr: warnings ({"warning": ...}) first, the error last.
    return { status: error.status, stdout: error.stdout, error: JSON.parse(error.stderr.trim().split('\n').at(-1)).error };
  }
}

const cliSettings = [
  ['--cell', 'gru', '--optimizer', 'sgd', '--lr', '1', '--iterator', 'sequential', '--truncation', 'fixed', '--tau', '4'],
  ['--cell', 'lstm', '--optimizer', 'adam', '--lr', '0.01', '--iterator', 'random', '--truncation', 'random', '--pi', '0.3'],
];

for (const [name, command, prefix] of clis) {
  test(`seqlab train --resume: 2 + 2 epochs print the lines of 4 and save the same bytes (${name})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqlab-resume-'));
    try {
      for (const [i, setting] of cliSettings.entries()) {
        const base = [...prefix, 'train', '--train', dataPath, '--predict', '8'];
        const shape = ['--max-tokens', '3000', '--hidden', '8', '--batch', '4', '--steps', '10', '--seed', '3',
          ...setting];
        const straightDir = join(dir, `straight${i}`);
        const resumedDir = join(dir, `resumed${i}`);
        for (const d of [straightDir, resumedDir]) execFileSync('mkdir', ['-p', d]);
        const straight = runCli(command, [...base, ...shape, '--epochs', '4', '--save', 'final.ckpt'], straightDir);
        assert.equal(straight.status, 0, straight.error);
        const first = runCli(command, [...base, ...shape, '--epochs', '2', '--save', 'half.ckpt'], resumedDir);
        assert.equal(first.status, 0, first.error);
        const rest = runCli(command, [...base, '--resume', 'half.ckpt', '--epochs', '2', '--save', 'final.ckpt'],
          resumedDir);
        assert.equal(rest.status, 0, rest.error);

        const lines = (out) => out.trim().split('\n').map((l) => JSON.parse(l));
        const expected = lines(straight.stdout);
        const firstLines = lines(first.stdout);
        const got = [...firstLines.slice(0, 2), ...lines(rest.stdout)];  // the first run's epoch lines, then the rest
        assert.equal(got.length, expected.length);
        for (const [k, line] of expected.entries()) {
          const removed = Object.keys(line).filter((key) => timingKeys.includes(key));
          assert.deepEqual(removed, line.final ? ['tokens_per_s', 'seconds'] : ['tokens_per_s'], `line ${k}`);
          assert.deepEqual(withoutTiming(got[k]), withoutTiming(line), `${setting.join(' ')}: line ${k}`);
        }
        assert.equal(got.at(-1).epochs, 4);
        assert.deepEqual(readFileSync(join(resumedDir, 'final.ckpt')), readFileSync(join(straightDir, 'final.ckpt')),
          `${setting.join(' ')}: the checkpoints`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`seqlab train --resume refuses another text, corpus or model flags, and a corrupt file (${name})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqlab-resume-'));
    try {
      const ckpt = join(dir, 'm.ckpt');
      const made = runCli(command, [...prefix, 'train', '--train', dataPath, '--max-tokens', '3000', '--hidden', '4',
        '--batch', '4', '--steps', '10', '--epochs', '1', '--predict', '0', '--save', ckpt]);
      assert.equal(made.status, 0, made.error);
      const otherText = join(dir, 'other.txt');
      writeFileSync(otherText, fullText.slice(5000, 12000));
      const other = runCli(command, [...prefix, 'train', '--train', otherText, '--resume', ckpt, '--epochs', '1']);
      assert.notEqual(other.status, 0);
      assert.match(other.error, /trained on another corpus/);
      const flags = runCli(command, [...prefix, 'train', '--train', dataPath, '--resume', ckpt, '--hidden', '8']);
      assert.match(flags.error, /come from the checkpoint/);
      const bytes = readFileSync(ckpt);
      writeFileSync(join(dir, 'cut.ckpt'), bytes.subarray(0, bytes.length - 8));
      const cut = runCli(command, [...prefix, 'train', '--train', dataPath, '--resume', join(dir, 'cut.ckpt')]);
      assert.match(cut.error, /truncated or corrupt/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
