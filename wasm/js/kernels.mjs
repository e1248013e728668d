// Which GEMM kernels the engine runs, and the loading of the relaxed-SIMD kernel module.
// The main module (seqlab_core.wasm) always carries the SIMD128 kernels. Where the engine validates relaxed
// SIMD (Chrome >= 114, Node with --experimental-wasm-relaxed-simd), a second, small module
// (seqlab_relaxed_kernels.wasm: the same kernels with f32x4.relaxed_madd, see wasm/kernels/) is instantiated
// on the main module's memory, put into its function table and registered with the engine. Anything
// unexpected leaves the SIMD128 kernels in place and says why.

export const RELAXED_KERNEL_FILE = 'seqlab_relaxed_kernels.wasm';

// The smallest module that uses f32x4.relaxed_madd (opcode 0xfd 0x85 0x02): () -> v128 returning
// relaxed_madd of three v128.const zeros. An engine without relaxed SIMD refuses to validate it.
function relaxedProbe() {
  const v128Zero = [0xfd, 0x0c, ...new Array(16).fill(0)];
  const body = [0x00, ...v128Zero, ...v128Zero, ...v128Zero, 0xfd, 0x85, 0x02, 0x0b];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
    0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b,       // type section: () -> v128
    0x03, 0x02, 0x01, 0x00,                         // function section: one function of type 0
    0x0a, body.length + 2, 0x01, body.length, ...body, // code section
  ]);
}

/** True when this engine validates f32x4.relaxed_madd. */
export function relaxedSimdSupported() {
  try {
    return WebAssembly.validate(relaxedProbe());
  } catch {
    return false;
  }
}

/**
 * The kernel choice for this engine: `{file, kernelFile, kernels}`. `file` is the main module (one build for
 * both), `kernelFile` the relaxed-SIMD kernel module to load beside it or null, `kernels` what will run.
 */
export function selectWasmFile() {
  const relaxed = relaxedSimdSupported();
  return {
    file: 'seqlab_core.wasm',
    kernelFile: relaxed ? RELAXED_KERNEL_FILE : null,
    kernels: relaxed ? 'wasm_relaxed_simd' : 'wasm_simd128',
  };
}

/**
 * Instantiates the relaxed-SIMD kernel module on a running main module and makes the engine use it.
 * `exports` are the main module's wasm exports (memory, __indirect_function_table,
 * _seqlab_register_relaxed_sgemm / seqlab_register_relaxed_sgemm), `kernelModule` a compiled
 * WebAssembly.Module of seqlab_relaxed_kernels.wasm. Returns the kernel set that runs and, when it is not the
 * relaxed one, why.
 */
export function installRelaxedKernels(exports, kernelModule) {
  const fallback = (reason) => ({ kernels: 'wasm_simd128', reason });
  if (!relaxedSimdSupported()) return fallback('this WebAssembly engine does not support relaxed SIMD');
  const register = exports.seqlab_register_relaxed_sgemm;
  const table = exports.__indirect_function_table;
  if (!exports.memory || !table || typeof register !== 'function')
    return fallback('the main module has no kernel hook (built without the relaxed kernels)');
  // The kernel module may import the main module's memory and nothing else: no stack pointer, no globals,
  // no functions. Its build checks the same; this check keeps a mismatched file from running.
  const imports = WebAssembly.Module.imports(kernelModule);
  if (imports.length !== 1 || imports[0].module !== 'env' || imports[0].name !== 'memory' ||
      imports[0].kind !== 'memory')
    return fallback(`the kernel module imports ${JSON.stringify(imports)}, expected env.memory only`);
  const instance = new WebAssembly.Instance(kernelModule, { env: { memory: exports.memory } });
  const product = instance.exports.seqlab_relaxed_sgemm_product;
  if (typeof product !== 'function') return fallback('the kernel module exports no seqlab_relaxed_sgemm_product');
  const index = table.length;
  table.grow(1);
  table.set(index, product);
  if (register(index) !== 1) return fallback('the engine refused the relaxed kernels');
  return { kernels: 'wasm_relaxed_simd', reason: null };
}
