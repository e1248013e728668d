#pragma once
// The engine's version, shown by `seqlab --version`, the JS API and the page.
namespace seqlab {
inline constexpr const char* kVersion = "0.1.0";

// True when this build was compiled with 128-bit SIMD (WebAssembly SIMD128 or x86 SSE),
// i.e. when Eigen and our kernels take their vector paths.
constexpr bool simd_enabled() {
#if defined(__wasm_simd128__) || defined(__SSE2__) || defined(__ARM_NEON)
  return true;
#else
  return false;
#endif
}

// "wasm" or "native": which target this code was compiled for.
constexpr const char* build_target() {
#if defined(__wasm__)
  return "wasm";
#else
  return "native";
#endif
}
}  // namespace seqlab
