#include "engine/core/number_format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace seqlab {

std::string shortest_round_trip(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (x == std::floor(x) && std::fabs(x) < 9.007199254740992e15) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f", x);
    return buffer;
  }
  char buffer[32];
  // 17 significant digits always round-trip a double; fewer usually do, and read better.
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, x);
    if (std::strtod(buffer, nullptr) == x) break;
  }
  return buffer;
}

}  // namespace seqlab
