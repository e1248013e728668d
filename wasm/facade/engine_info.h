#pragma once
// The facade: plain C++ functions and classes that the Embind file registers one to one.
// It is ordinary C++, tested natively in tests/wasm/. Structured results cross to JS as JSON text
// (parsed by wasm/js/seqlab.mjs); bulk numbers cross as typed-array copies.
#include <string>

#include "engine/io/json.h"

namespace seqlab::facade {

// {"version": "0.1.0", "simd": true, "target": "wasm", "kernels": "wasm_simd128",
//  "kernelSets": ["wasm_simd128", "wasm_relaxed_simd"]}: what the page shows in its header. kernels is the
// GEMM kernel set that runs (engine/core/gemm.h), kernelSets those this engine has.
io::Json engine_info();

// Makes the engine's GEMM use the named kernel set (one of engine_info's kernelSets): the benchmark compares
// them in one page. Throws seqlab::Error naming the available sets for another name.
void select_gemm_kernels(const std::string& name);

}  // namespace seqlab::facade
