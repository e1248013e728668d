// The header's engine badge: the version and whether the WebAssembly module runs with SIMD.
export class EngineStatus {
  constructor(root) {
    this.root = root;
    this.version = root.querySelector('#engine-version');
    this.simd = root.querySelector('#engine-simd');
  }

  show(info) {
    this.version.textContent = `seqlab ${info.version} (${info.target})`;
    this.simd.textContent = `SIMD: ${info.simd ? 'on' : 'off'}`;
    this.simd.classList.toggle('on', info.simd);
    this.simd.classList.toggle('off', !info.simd);
    this.root.dataset.state = 'ready';
  }

  fail(message) {
    this.version.textContent = `engine failed: ${message}`;
    this.root.dataset.state = 'error';
  }
}
