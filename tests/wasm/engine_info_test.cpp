#include <doctest.h>

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

