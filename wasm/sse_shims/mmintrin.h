#pragma once
// Shim for the WebAssembly build (on the include path only when compiling with -msimd128 -msse4.2).
// Eigen's SSE path includes <mmintrin.h> (MMX), which Emscripten does not ship; Eigen uses nothing
// from it, so an empty header lets Eigen take its SSE path over Emscripten's SSE-to-SIMD128 headers.
