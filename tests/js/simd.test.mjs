// The WebAssembly module really contains SIMD128 instructions (not only the -msimd128 flag on the command
// line): disassemble it with wabt's wasm-objdump and count the vector arithmetic the hot loops need.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

const wasm = new URL('../../web/engine/seqlab_core.wasm', import.meta.url).pathname;

test('seqlab_core.wasm contains f32x4 multiply-adds (SIMD128 emitted)', () => {
  const disassembly = execFileSync('wasm-objdump', ['-d', wasm], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const count = (op) => disassembly.split('\n').filter((line) => line.includes(` ${op}`)).length;
  const mul = count('f32x4.mul');
  const add = count('f32x4.add');
  const splat = count('f32x4.splat');
  assert.ok(mul > 100 && add > 100 && splat > 10, `f32x4.mul ${mul}, f32x4.add ${add}, f32x4.splat ${splat}`);
});
