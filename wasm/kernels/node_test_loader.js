// --pre-js of the WebAssembly test runner (seqlab_tests.js, run by Node). Before main() runs it loads the
// relaxed-SIMD kernel module beside the runner, as the page does (wasm/js/kernels.mjs), so the kernel tests
// cover both kernel sets: with `node --experimental-wasm-relaxed-simd` the engine has wasm_simd128 and
// wasm_relaxed_simd; without the flag only wasm_simd128 (tests/engine/core/gemm_test.cpp names what it checked).
Module['preRun'] = [].concat(Module['preRun'] || [], function loadRelaxedKernels() {
  var path = require('path');
  var fs = require('fs');
  var url = require('url');
  var kernelFile = path.join(__dirname, 'seqlab_relaxed_kernels.wasm');
  var loader = path.join(__dirname, 'kernels.mjs');
  if (!fs.existsSync(kernelFile) || !fs.existsSync(loader)) return;
  addRunDependency('seqlab-relaxed-kernels');
  import(url.pathToFileURL(loader).href)
    .then(function (kernels) {
      if (!kernels.relaxedSimdSupported()) return;
      var result = kernels.installRelaxedKernels(Module['asm'], new WebAssembly.Module(fs.readFileSync(kernelFile)));
      if (result.reason) throw new Error('relaxed-SIMD kernels not installed: ' + result.reason);
    })
    .then(function () { removeRunDependency('seqlab-relaxed-kernels'); },
          function (error) { err(String(error)); process.exit(1); });
});
