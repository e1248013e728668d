#pragma once
// Force-included (-include) in the WebAssembly SIMD build, before any Eigen header.
// Clang reports itself as GCC 4.2 (__GNUC__ 4, __GNUC_MINOR__ 2), so Eigen believes it runs on a GCC
// older than 6.3 and, in pmin/pmax, emits x86 inline assembly (minps/maxps) to dodge an old GCC bug;
// WebAssembly cannot assemble it. Eigen's own macros are read once (include guard), so we load them and
// declare the compiler as what it is: clang, not GCC. Eigen then calls _mm_min_ps/_mm_max_ps, which
// Emscripten maps to SIMD128.
#include <Eigen/src/Core/util/Macros.h>
#undef EIGEN_COMP_GNUC
#define EIGEN_COMP_GNUC 0
