#include <doctest.h>

#include <string>

#include "engine/core/version.h"
#include "wasm/facade/engine_info.h"

TEST_CASE("facade: engine_info names the version, the target and SIMD") {
  const auto info = seqlab::facade::engine_info();
  CHECK(info.at("version").as_string() == seqlab::kVersion);
  CHECK(info.at("simd").as_bool() == seqlab::simd_enabled());
#if defined(__wasm__)
  CHECK(info.at("target").as_string() == "wasm");
#else
  CHECK(info.at("target").as_string() == "native");
#endif
  // The SIMD flag follows the compile flags: SIMD128 in the wasm preset, SSE natively, off in wasm-nosimd.
#if defined(__wasm_simd128__) || defined(__SSE2__)
  CHECK(seqlab::simd_enabled());
#else
  CHECK_FALSE(seqlab::simd_enabled());
#endif
}


TEST_CASE("facade: engine_info names the GEMM kernels that run, and they can be switched by name") {
  const auto info = seqlab::facade::engine_info();
  const std::string before = info.at("kernels").as_string();
  const auto& sets = info.at("kernelSets").as_array();
  REQUIRE(sets.size() >= 1);
#if defined(__wasm_simd128__)
  CHECK(sets[0].as_string() == "wasm_simd128");
#else
  CHECK(sets[0].as_string() == "eigen");
#endif
  seqlab::facade::select_gemm_kernels(sets[0].as_string());
  CHECK(seqlab::facade::engine_info().at("kernels").as_string() == sets[0].as_string());
  CHECK_THROWS_WITH(seqlab::facade::select_gemm_kernels("fastest"), doctest::Contains("no kernel set named 'fastest'"));
  seqlab::facade::select_gemm_kernels(before);
  CHECK(seqlab::facade::engine_info().at("kernels").as_string() == before);
}
