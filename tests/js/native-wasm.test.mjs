// Native and WebAssembly train the same runs side by side, inside this test: the native CLI
// (build/native/seqlab) and the CLI compiled to WebAssembly under Node (bin/seqlab.cjs) on every cell, fixed
// and random truncation, sequential and random minibatches. Nothing is frozen: both curves are computed now.
//
// What must agree:
// - exactly: the tokens seen per epoch (the same minibatches) and every integer of the run;
// - within TOLERANCE (relative): training perplexity, validation perplexity and mean gradient norm per epoch.
//   Both builds compute in float32 from the same seed, and every random draw (initial weights, offsets,
//   shuffles, truncation) comes from the same integer generator, so the runs differ only by rounding: the
//   native build may contract a*b+c into one FMA and Eigen's vector kernels sum in another order than
//   WebAssembly SIMD128's. Those differences start near float32's 6e-8 per operation and are carried along
//   by a few hundred SGD updates; measured here (x86-64, g++ 12 -O3 vs emcc 3.1.6 -msimd128) the largest
//   relative deviation over these 16 runs is about 1e-6 (the test prints it). 1e-4 leaves a wide margin for
//   other compilers while still catching a kernel that is wrong on one target: a wrong gate, bias or
//   truncation weight moves the loss by 1e-2 or more within the first epoch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

const root = new URL('../../', import.meta.url);
const native = new URL('build/native/seqlab', root).pathname;
const wasmCli = new URL('bin/seqlab.cjs', root).pathname;
const text = new URL('web/assets/timemachine.txt', root).pathname;
const TOLERANCE = 1e-4;

const cells = [
  ['rnn', ['--cell', 'rnn']],
  ['gru (notes)', ['--cell', 'gru', '--gru-variant', 'notes']],
  ['gru (reset_after)', ['--cell', 'gru', '--gru-variant', 'reset_after', '--embedding', '8']],
  ['lstm', ['--cell', 'lstm', '--layers', '2']],
];
const truncations = [['fixed', ['--truncation', 'fixed', '--tau', '4']], ['random', ['--truncation', 'random', '--pi', '0.3']]];
const iterators = ['sequential', 'random'];

function train(command, prefix, args) {
  const out = execFileSync(command, [...prefix, 'train', '--train', text, '--max-tokens', '3000', '--hidden', '12',
    '--batch', '4', '--steps', '10', '--epochs', '3', '--lr', '1', '--clip', '1', '--seed', '7', '--predict', '0',
    '--eval-every', '1', ...args], { encoding: 'utf8', stdio: 'pipe' });
  return out.trim().split('\n').map((line) => JSON.parse(line)).filter((line) => !line.final);
}

const relative = (a, b) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-30);

test('native and WebAssembly give the same curves (every cell, both truncations, both iterators)', () => {
  let worst = { deviation: 0, where: '' };
  for (const [cell, cellArgs] of cells) {
    for (const [truncation, truncationArgs] of truncations) {
      for (const iterator of iterators) {
        const args = [...cellArgs, ...truncationArgs, '--iterator', iterator];
        const where = `${cell}, ${truncation} truncation, ${iterator} iterator`;
        const a = train(native, [], args);
        const b = train(process.execPath, [wasmCli], args);
        assert.equal(a.length, 3, where);
        assert.equal(b.length, a.length, where);
        a.forEach((epoch, i) => {
          assert.equal(b[i].epoch, epoch.epoch, where);
          assert.equal(b[i].tokens, epoch.tokens, `${where}: tokens of epoch ${epoch.epoch}`);
          for (const key of ['train_ppl', 'val_ppl', 'grad_norm']) {
            assert.ok(Number.isFinite(epoch[key]), `${where}: ${key} of epoch ${epoch.epoch}`);
            const deviation = relative(epoch[key], b[i][key]);
            if (deviation > worst.deviation) worst = { deviation, where: `${where}, epoch ${epoch.epoch} ${key}` };
            assert.ok(deviation <= TOLERANCE,
              `${where}: epoch ${epoch.epoch} ${key} native ${epoch[key]} vs wasm ${b[i][key]} (${deviation})`);
          }
        });
      }
    }
  }
  console.log(`# largest native/wasm relative deviation: ${worst.deviation.toExponential(2)} (${worst.where})`);
});
