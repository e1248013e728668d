#include <doctest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>

#include "engine/core/number_format.h"

using seqlab::shortest_round_trip;

TEST_CASE("number_format: shortest text for the values users type") {
  CHECK(shortest_round_trip(0.1) == "0.1");
  CHECK(shortest_round_trip(1e-7) == "1e-07");
  CHECK(shortest_round_trip(64) == "64");
  CHECK(shortest_round_trip(-3) == "-3");
  CHECK(shortest_round_trip(0.001) == "0.001");
  CHECK(shortest_round_trip(2.5e-300) == "2.5e-300");
  CHECK(shortest_round_trip(1.0 / 0.0) == "inf");
}

TEST_CASE("number_format: every double reads back exactly (random bit patterns, checked with strtod)") {
  std::mt19937_64 gen(12345);
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t bits = gen();
    double x;
    std::memcpy(&x, &bits, sizeof x);
    if (!std::isfinite(x)) continue;
    const std::string text = shortest_round_trip(x);
    REQUIRE(std::strtod(text.c_str(), nullptr) == x);
    ++checked;
  }
  CHECK(checked > 19000);
}
