// The GEMM kernel tests (tests/engine/core/gemm_test.cpp: 4,608 shapes against a double loop, on every kernel
// set) in Chromium, which runs relaxed SIMD: the page installs the relaxed-SIMD kernel module with the same
// loader as the engine (wasm/js/kernels.mjs) and runs the doctest program built for the web
// (build/wasm/seqlab_kernel_tests.mjs, served here from the build folder). And the playground's engine reports
// the kernels it runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPlayground } from './browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const buildDir = path.join(root, 'build', 'wasm');
const files = {
  'seqlab_kernel_tests.mjs': 'text/javascript',
  'seqlab_kernel_tests.wasm': 'application/wasm',
  'seqlab_relaxed_kernels.wasm': 'application/wasm',
};

test('the GEMM kernel tests pass on wasm_simd128 and wasm_relaxed_simd in Chromium', async (t) => {
  const missing = Object.keys(files).filter((f) => !existsSync(path.join(buildDir, f)));
  assert.deepEqual(missing, [], 'build them: cmake --build build/wasm --target seqlab_kernel_tests');
  const session = await openPlayground('/');
  try {
    const { page } = session;
    await page.route('**/kernel-tests/*', (route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop();
      if (!files[name]) return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({ status: 200, contentType: files[name], body: readFileSync(path.join(buildDir, name)) });
    });
    const result = await page.evaluate(async () => {
      const kernels = await import('/engine/kernels.mjs');
      const { default: createKernelTests } = await import('/kernel-tests/seqlab_kernel_tests.mjs');
      const lines = [];
      const module = await createKernelTests({
        locateFile: (file) => `/kernel-tests/${file}`,
        print: (line) => lines.push(line),
        printErr: (line) => lines.push(line),
      });
      const kernelModule = await WebAssembly.compileStreaming(fetch('/kernel-tests/seqlab_relaxed_kernels.wasm'));
      const installed = kernels.installRelaxedKernels(module.asm, kernelModule);
      let exitCode;
      try {
        exitCode = module.callMain(['--no-colors']);
      } catch (e) {
        exitCode = e.status ?? String(e);
      }
      return { supported: kernels.relaxedSimdSupported(), installed, exitCode, output: lines.join('\n') };
    });
    t.diagnostic(result.output.split('\n').filter((l) => /checked|test cases|assertions/.test(l)).join(' | '));
    assert.equal(result.supported, true, 'Chromium validates relaxed SIMD');
    assert.deepEqual(result.installed, { kernels: 'wasm_relaxed_simd', reason: null });
    assert.match(result.output, /gemm kernel sets checked: wasm_simd128, wasm_relaxed_simd/);
    assert.match(result.output, /test cases:\s*\d+\s*\|\s*\d+ passed\s*\|\s*0 failed/);
    assert.equal(result.exitCode, 0, result.output);
  } finally {
    await session.close();
  }
});

test('the playground engine runs the relaxed-SIMD kernels in Chromium and says so', async () => {
  const session = await openPlayground('/');
  try {
    const { page, errors } = session;
    await page.waitForSelector('#engine-status[data-state="ready"]', { timeout: 20000 });
    assert.equal(await page.textContent('#engine-simd'), 'SIMD: relaxed');
    assert.match(await page.getAttribute('#engine-simd', 'title'), /wasm_relaxed_simd/);
    assert.deepEqual(errors, []);
  } finally {
    await session.close();
  }
});
