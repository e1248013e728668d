// Global-norm clipping (docs/math.md §5) and the config / truncation parsing the facade relies on.
#include <doctest.h>

#include <cmath>
#include <vector>

#include "engine/core/error.h"
#include "engine/nn/clip.h"
#include "engine/nn/model.h"

using namespace seqlab;
using namespace seqlab::nn;

TEST_CASE("nn clip: global norm over all entries, scaled to theta only when above it") {
  std::vector<double> g{3.0, 0.0, -4.0, 12.0};  // norm 13
  CHECK(clip_gradients(g.data(), g.size(), 26.0) == doctest::Approx(13.0));
  CHECK(g == std::vector<double>{3.0, 0.0, -4.0, 12.0});
  CHECK(clip_gradients(g.data(), g.size(), 6.5) == doctest::Approx(13.0));
  CHECK(g[0] == doctest::Approx(1.5));
  CHECK(g[3] == doctest::Approx(6.0));
  double norm = 0;
  for (double v : g) norm += v * v;
  CHECK(std::sqrt(norm) == doctest::Approx(6.5));
  std::vector<float> f{3.0f, 4.0f};
  CHECK(clip_gradients(f.data(), f.size(), 0.0) == doctest::Approx(5.0));  // theta <= 0: off
  CHECK(f[1] == 4.0f);
}

TEST_CASE("nn config and truncation: parse, round trip, errors name the value") {
  CHECK(Truncation::parse("full").kind == Truncation::Kind::Full);
  CHECK(Truncation::parse("fixed:7").tau == 7);
  CHECK(Truncation::parse("random:0.25").pi == 0.25);
  CHECK(Truncation::parse("random:0.25").to_string() == "random:0.25");
  CHECK_THROWS_AS(Truncation::parse("fixed:0"), Error);
  CHECK_THROWS_AS(Truncation::parse("random:1.5"), Error);
  CHECK_THROWS_AS(Truncation::parse("sometimes"), Error);
  ModelOptions c = ModelOptions::from_json(Json::parse(
      R"({"cell":"lstm","vocab":9,"hidden":3,"layers":2,"embedding":4,"init":"normal","seed":5})"));
  CHECK(c.cell == CellType::Lstm);
  CHECK(ModelOptions::from_json(c.to_json()).to_json().dump() == c.to_json().dump());
  CHECK_THROWS_WITH_AS(ModelOptions::from_json(Json::parse(R"({"hidden":0})")),
                       doctest::Contains("hidden"), Error);
  CHECK_THROWS_AS(ModelOptions::from_json(Json::parse(R"({"cell":"transformer"})")), Error);
  Model<float> m(c);
  CHECK(m.parameter_info("l1.W_hf").shape == std::vector<int>{3, 3});
  CHECK(m.parameter_info("E").shape == std::vector<int>{9, 4});
  CHECK_THROWS_AS(m.parameter_info("l2.W_hf"), Error);
  // Gates fuse: a layer's recurrent matrices are adjacent in gate order.
  CHECK(m.parameter_info("l0.W_hf").offset == m.parameter_info("l0.W_hi").offset + 9);
  CHECK(m.parameter_info("l0.W_hc").offset == m.parameter_info("l0.W_ho").offset + 9);
  std::vector<std::int32_t> bad{0, 9}, ok{0, 1};
  auto s = m.zero_state(1);
  Rng rng(0);
  CHECK_THROWS_WITH_AS(m.loss_and_gradients(bad.data(), ok.data(), 1, 2, Truncation{}, rng, s),
                       doctest::Contains("outside [0, 8]"), Error);
}
