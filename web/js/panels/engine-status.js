// The header's engine badge: the version and whether the WebAssembly module runs with SIMD ("relaxed": its
// matrix products use the relaxed-SIMD kernels, fused multiply-add; the tooltip names the kernel set).
export class EngineStatus {
  constructor(root) {
    this.root = root;
    this.version = root.querySelector('#engine-version');
    this.simd = root.querySelector('#engine-simd');
  }

  show(info) {
    this.version.textContent = `seqlab ${info.version} (${info.target})`;
    const relaxed = info.kernels === 'wasm_relaxed_simd';
    this.simd.textContent = `SIMD: ${relaxed ? 'relaxed' : info.simd ? 'on' : 'off'}`;
    this.simd.title = info.kernels ? `matrix products: ${info.kernels}` +
      (info.kernelsNote ? ` (${info.kernelsNote})` : '') : '';
    this.simd.classList.toggle('on', info.simd);
    this.simd.classList.toggle('off', !info.simd);
    this.root.dataset.state = 'ready';
  }

  fail(message) {
    this.version.textContent = `engine failed: ${message}`;
    this.root.dataset.state = 'error';
  }
}
