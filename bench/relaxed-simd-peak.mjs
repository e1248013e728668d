// The WebAssembly multiply-add peak of one core two ways, side by side: f32x4.mul then f32x4.add (what the
// engine's WebAssembly build runs, and what bench/peak_bench measures) and relaxed SIMD's fused
// f32x4.relaxed_madd (which Emscripten 3.1.6's clang cannot emit). Whether the fused form pays depends on the
// CPU: on the VM of 2026-12-07 evening it raised the peak by a quarter (bench/RESULTS.md).
//
// Usage: node --experimental-wasm-relaxed-simd bench/relaxed-simd-peak.mjs   (Node 20; needs wabt's wat2wasm)
// The module is written as text here and assembled by wat2wasm: twelve independent accumulator chains, enough
// to cover either operation's latency, in a loop that does nothing else.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CHAINS = 12;
const ITERATIONS = 20_000_000;
const REPS = 5;

/** One exported function `name`(n): n rounds of `step` on every chain; returns a lane so nothing is dead. */
function loopFunction(name, step) {
  const chains = [...Array(CHAINS).keys()];
  const sum = chains.slice(1).reduce((acc, i) => `(f32x4.add ${acc} (local.get $a${i}))`, '(local.get $a0)');
  return `
  (func (export "${name}") (param $n i32) (result f32)
    ${chains.map((i) => `(local $a${i} v128)`).join(' ')} (local $b v128) (local $c v128)
    (local.set $b (f32x4.splat (f32.const 0.999)))
    (local.set $c (f32x4.splat (f32.const 0.001)))
    ${chains.map((i) => `(local.set $a${i} (f32x4.splat (f32.const ${i})))`).join('\n    ')}
    (loop $round
      ${chains.map((i) => `(local.set $a${i} ${step(`(local.get $a${i})`)})`).join('\n      ')}
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $round (i32.gt_s (local.get $n) (i32.const 0))))
    (f32x4.extract_lane 0 ${sum}))`;
}

const text = `(module${
  loopFunction('mul_add', (a) => `(f32x4.add (f32x4.mul ${a} (local.get $b)) (local.get $c))`)}${
  loopFunction('relaxed_madd', (a) => `(f32x4.relaxed_madd ${a} (local.get $b) (local.get $c))`)})`;

const dir = mkdtempSync(path.join(tmpdir(), 'relaxed-peak-'));
let bytes;
try {
  writeFileSync(path.join(dir, 'peak.wat'), text);
  execFileSync('wat2wasm', ['--enable-relaxed-simd', 'peak.wat', '-o', 'peak.wasm'], { cwd: dir });
  bytes = readFileSync(path.join(dir, 'peak.wasm'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const { instance } = await WebAssembly.instantiate(bytes).catch((error) => {
  throw new Error(`${error.message}: Node 20 needs --experimental-wasm-relaxed-simd for relaxed SIMD`);
});
const flopPerCall = ITERATIONS * CHAINS * 8;   // 4 lanes x (a multiply and an add) per chain and round
const kinds = ['mul_add', 'relaxed_madd'];
for (const kind of kinds) instance.exports[kind](1_000_000);   // V8's optimizing tier before timing
const best = Object.fromEntries(kinds.map((kind) => [kind, 0]));
for (let rep = 0; rep < REPS; ++rep) {
  for (const kind of kinds) {
    const start = performance.now();
    instance.exports[kind](ITERATIONS);
    best[kind] = Math.max(best[kind], flopPerCall / ((performance.now() - start) / 1000) / 1e9);
  }
}
console.log(`WebAssembly 128-bit peak, best of ${REPS} alternating repetitions, GFLOP/s: multiply then add ` +
  `${best.mul_add.toFixed(1)}, relaxed fused multiply-add ${best.relaxed_madd.toFixed(1)} ` +
  `(${(best.relaxed_madd / best.mul_add).toFixed(2)}x); Node ${process.versions.node}, V8 ${process.versions.v8}`);
