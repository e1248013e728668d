// The benchmark's WebAssembly peak probe (bench/peak_bench, the bound bench/plausibility.mjs holds every
// training rate against) must be a peak: no product of real code may run faster. peak_bench --gemm times the
// probe and the engine's SIMD128 sgemm at a GRU training step's products interleaved in one process, so the
// test compares two rates of the same run (a ratio, not a wall-clock threshold). A latency-bound probe (the
// old one reported 12.6 GFLOP/s against sgemm's 44) fails by a factor; the two honest rates lie within about
// 10 % of each other (sgemm is register-blocked multiply-adds too), so a run disturbed by a loaded machine
// is repeated, up to three runs, before the test fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const probe = new URL('../../build/wasm/peak_bench.js', import.meta.url).pathname;

test('the WebAssembly peak probe reaches at least the engine GEMM rate measured in the same process',
  { skip: !existsSync(probe) && 'build/wasm/peak_bench.js is not built (node scripts/build.mjs wasm)' }, () => {
    const runs = [];
    for (let attempt = 0; attempt < 3; ++attempt) {
      const out = execFileSync(process.execPath, ['--no-experimental-fetch', probe, '--gemm', '--reps', '9',
        '--ms', '40', '--warmup-ms', '300'], { encoding: 'utf8' });
      const r = JSON.parse(out.trim().split('\n').pop());
      assert.equal(r.vector_bits, 128);
      assert.equal(r.gemm_backend, 'wasm_simd128', 'the SIMD128 build times its own kernels');
      assert.ok(r.gflops_best > 0 && r.gemm_gflops_best > 0, JSON.stringify(r));
      runs.push(r);
      if (r.gflops_best >= r.gemm_gflops_best) return;
    }
    assert.fail(`the probe's best repetition stayed below the engine's fastest GEMM product in every run: ${runs
      .map((r) => `${r.gflops_best} < ${r.gemm_gflops_best} (${r.gemm_fastest})`).join('; ')} GFLOP/s`);
  });
