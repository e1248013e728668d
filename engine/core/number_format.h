#pragma once
// The one number formatter of the engine: the shortest decimal text that reads back as the same double.
// JSON output, option strings ("random:1e-07", "add-k:0.1") and error messages all use it, so a value the
// engine writes is a value it reads back unchanged.
#include <string>

namespace seqlab {

// Shortest "%.{p}g" text (p = 1..17) with strtod(text) == x: 0.1 -> "0.1", 1e-7 -> "1e-07",
// 1.0/3 -> "0.3333333333333333". Integers below 2^53 print without an exponent ("64", "1000000").
// Non-finite values print as "nan", "inf" or "-inf" (JSON writers map them to null themselves).
std::string shortest_round_trip(double x);

}  // namespace seqlab
