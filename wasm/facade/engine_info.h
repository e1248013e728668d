#pragma once
// The facade: plain C++ functions and classes that the Embind file registers one to one.
// It is ordinary C++, tested natively in tests/wasm/. Structured results cross to JS as JSON text
// (parsed by wasm/js/seqlab.mjs); bulk numbers cross as typed-array copies.
#include "engine/core/json.h"

namespace seqlab::facade {

// {"version": "0.1.0", "simd": true, "target": "wasm"}: what the page shows in its header.
Json engine_info();

}  // namespace seqlab::facade
