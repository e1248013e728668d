// The relaxed-SIMD kernel module: seqlab's GEMM kernels (engine/core/gemm_wasm_kernels.h) with
// f32x4.relaxed_madd, a fused multiply-add. Emscripten 3.1.6's clang 14 cannot emit the instruction, so this
// file is built on its own by clang 19 (wasm/kernels/CMakeLists.txt logic in the top CMakeLists.txt) into a
// small module that imports the main module's memory and exports one function. The page (wasm/js/seqlab.mjs)
// or the test runner instantiates it where the engine validates relaxed SIMD, puts the export in the main
// module's function table and registers it with seqlab_register_sgemm_kernel (wasm/facade/gemm_kernels.cpp).
//
// It has no C library, no stack, no data and no globals: the packing scratch comes from the caller's stack,
// so the module needs nothing of the main module but its memory (the loader checks its imports).
#include "engine/core/gemm_wasm_kernels.h"

#if !defined(__wasm_relaxed_simd__)
#error "build with -msimd128 -mrelaxed-simd (clang 16 or newer)"
#endif

extern "C" __attribute__((export_name("seqlab_relaxed_sgemm_product"))) int seqlab_relaxed_sgemm_product(
    int transA, int transB, int m, int n, int k, float alpha, const float* A, int lda, const float* B, int ldb,
    float* C, int ldc, float* pack) {
  return seqlab::gemm_wasm::product<seqlab::gemm_wasm::FusedMulAdd>(transA, transB, m, n, k, alpha, A, lda, B, ldb,
                                                                    C, ldc, pack);
}
