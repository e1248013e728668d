// The memory race, natively and reproducibly: for each lag, each contestant (RNN, GRU and LSTM with
// gateBias 0, GRU and LSTM with gateBias 2) trains on the same first-symbol task and seeds with the native
// CLI (`seqlab train --task ...`), validating after every epoch of 128 minibatches, and the table gives the
// minibatches it needed to reach 95% answer accuracy on the validation samples, or its accuracy when the
// budget ran out. The settings are the memory lab's (web/js/memory/): H 64, B 32, Adam 0.005, clip 1.
//
// Usage: node scripts/race.mjs [--lags 20,50,100] [--seeds 1,2,3] [--epochs 24] [--task first-symbol]
//                              [--filler random] [--markdown]
// Needs the native CLI (`cmake --preset native && cmake --build build/native --target seqlab_cli`;
// `npm run race` builds it first).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'build', 'native', 'seqlab');

/** The contestants: a label and the model flags. */
export const CONTESTANTS = [
  { label: 'RNN', flags: ['--cell', 'rnn'] },
  { label: 'GRU', flags: ['--cell', 'gru'] },
  { label: 'LSTM', flags: ['--cell', 'lstm'] },
  { label: 'GRU, keep bias 2', flags: ['--cell', 'gru', '--gate-bias', '2'] },
  { label: 'LSTM, keep bias 2', flags: ['--cell', 'lstm', '--gate-bias', '2'] },
];
const TRAINING = ['--hidden', '64', '--batch', '32', '--optimizer', 'adam', '--lr', '0.005', '--clip', '1'];
const TARGET = 0.95;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const list = (text) => text.split(',').map(Number);

/** One run: {steps to the target or null, the last accuracy, the steps trained, seconds}. */
function race({ task, filler, lag, seed, epochs, contestant }) {
  const args = ['train', '--task', task, '--lag', String(lag), ...(task === 'first-symbol' ? ['--filler', filler] : []),
    ...contestant.flags, ...TRAINING, '--seed', String(seed), '--epochs', String(epochs),
    '--target-accuracy', String(TARGET)];
  const result = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0 && result.status !== 3) throw new Error(`seqlab ${args.join(' ')}: ${result.stderr || result.stdout}`);
  const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const epochLines = lines.filter((l) => !l.final && l.answer_accuracy !== undefined);
  const last = epochLines.at(-1);
  const reached = epochLines.find((l) => l.answer_accuracy >= TARGET);
  return { steps: reached ? reached.run_steps : null, accuracy: last.answer_accuracy, trained: last.run_steps,
    seconds: lines.at(-1).seconds, chance: last.chance_loss };
}

function main() {
  if (!existsSync(cli)) {
    console.error(`race: ${path.relative(root, cli)} is missing; build it with: cmake --preset native && cmake --build build/native --target seqlab_cli`);
    process.exit(1);
  }
  const task = option('task', 'first-symbol');
  const filler = option('filler', 'random');
  const lags = list(option('lags', '20,50,100'));
  const seeds = list(option('seeds', '1,2,3'));
  const epochs = Number(option('epochs', '24'));
  const markdown = process.argv.includes('--markdown');
  const started = Date.now();
  console.log(`# memory race: ${task}${task === 'first-symbol' ? `, ${filler} filler` : ''}, H 64, B 32, Adam 0.005, clip 1; ` +
    `minibatches to ${TARGET * 100}% answer accuracy (validation checked every 128), budget ${epochs * 128}; ` +
    `seeds ${seeds.join(', ')}; ${cpus()[0]?.model ?? 'unknown CPU'}, ${new Date().toISOString().slice(0, 10)}`);
  const cell = (r) => (r.steps !== null ? String(r.steps) : `- (${r.accuracy.toFixed(2)})`);
  if (markdown) {
    console.log(`\n| lag | ${CONTESTANTS.map((c) => c.label).join(' | ')} |`);
    console.log(`|---|${CONTESTANTS.map(() => '---').join('|')}|`);
  }
  for (const lag of lags) {
    const row = CONTESTANTS.map((contestant) => seeds.map((seed) => race({ task, filler, lag, seed, epochs, contestant })));
    if (markdown) {
      console.log(`| ${lag} | ${row.map((runs) => runs.map(cell).join(', ')).join(' | ')} |`);
    } else {
      console.log(`lag ${lag}:`);
      CONTESTANTS.forEach((c, i) => console.log(`  ${c.label.padEnd(18)} ${row[i].map(cell).join('  ')}`));
    }
  }
  console.log(`\n(a number: minibatches to ${TARGET * 100}%; "- (0.27)": not reached within the budget, the last accuracy; ` +
    `chance is 1/keys = 0.25; ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

main();
