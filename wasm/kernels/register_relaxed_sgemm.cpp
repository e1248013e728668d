// The hook through which the loader hands the relaxed-SIMD kernel module (relaxed_sgemm.cpp) to the engine.
// Linked into the WebAssembly programs only (the Embind module and the Node test runner) and exported as
// _seqlab_register_relaxed_sgemm. The loader (wasm/js/seqlab.mjs, wasm/kernels/node_test_loader.js) has put the
// kernel module's export into the main module's function table; in WebAssembly a function pointer is an
// index into that table, so the index the loader passes is the function pointer.
#include <cstdint>

#include "engine/core/gemm.h"

extern "C" int seqlab_register_relaxed_sgemm(std::uintptr_t table_index) {
  try {
    seqlab::sgemm_add_kernel("wasm_relaxed_simd", reinterpret_cast<seqlab::SgemmProduct>(table_index));
    seqlab::sgemm_select_kernel("wasm_relaxed_simd");
    return 1;
  } catch (...) {
    return 0;
  }
}
