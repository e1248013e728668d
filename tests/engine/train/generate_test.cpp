#include <doctest.h>

#include <cmath>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/rng.h"
#include "engine/nn/model.h"
#include "engine/train/generate.h"

using namespace seqlab;
using namespace seqlab::train;

namespace {
nn::Model<float> model_of(nn::CellType cell) {
  nn::ModelOptions c;
  c.cell = cell;
  c.vocab = 10;
  c.hidden = 12;
  c.seed = 4;
  return nn::Model<float>(c);
}
std::vector<std::int32_t> tokens(const std::vector<GenerateStep>& steps) {
  std::vector<std::int32_t> out;
  for (const auto& s : steps) out.push_back(s.token);
  return out;
}
}  // namespace

TEST_CASE("generate: greedy is deterministic and follows the argmax of step_logits after the prefix") {
  auto model = model_of(nn::CellType::Gru);
  Decoding o;
  o.length = 15;
  Rng r1(1), r2(2);
  const auto a = generate(model, {1, 2, 3}, o, r1);
  const auto b = generate(model, {1, 2, 3}, o, r2);  // greedy draws nothing: the seed does not matter
  CHECK(tokens(a) == tokens(b));
  REQUIRE(a.size() == 15u);
  // Independent replay: warm up, then argmax step by step.
  nn::State<float> state = model.zero_state(1);
  std::vector<float> logits(10);
  for (std::int32_t id : {1, 2, 3}) model.step_logits(&id, 1, state, logits.data());
  for (int i = 0; i < 15; ++i) {
    int best = 0;
    for (int v = 1; v < 10; ++v) if (logits[v] > logits[best]) best = v;
    CHECK(a[i].token == best);
    // the top list: descending, the argmax first, probabilities of the softmax
    REQUIRE(a[i].top.size() == 5u);
    CHECK(a[i].top[0].first == best);
    double total = 0;
    for (float x : logits) total += std::exp(x - logits[best]);
    CHECK(a[i].top[0].second == doctest::Approx(1.0 / total));
    for (int k = 1; k < 5; ++k) CHECK(a[i].top[k].second <= a[i].top[k - 1].second);
    const std::int32_t id = best;
    model.step_logits(&id, 1, state, logits.data());
  }
}

TEST_CASE("generate: sampling is seeded; top-k = 1 is greedy") {
  auto model = model_of(nn::CellType::Lstm);
  Decoding o;
  o.length = 30;
  o.temperature = 1.0;
  Rng a(9), b(9), c(10);
  const auto x = tokens(generate(model, {4}, o, a));
  CHECK(x == tokens(generate(model, {4}, o, b)));
  CHECK(x != tokens(generate(model, {4}, o, c)));
  o.top_k = 1;
  Decoding greedy;
  greedy.length = 30;
  CHECK(tokens(generate(model, {4}, o, a)) == tokens(generate(model, {4}, greedy, b)));
}

TEST_CASE("generate: bad options and prefixes are errors") {
  auto model = model_of(nn::CellType::Rnn);
  Rng rng(0);
  Decoding o;
  CHECK_THROWS_AS(generate(model, {}, o, rng), Error);
  CHECK_THROWS_AS(generate(model, {10}, o, rng), Error);
  o.temperature = -1;
  CHECK_THROWS_AS(generate(model, {1}, o, rng), Error);
  o.temperature = 1;
  o.top_k = 11;
  CHECK_THROWS_AS(generate(model, {1}, o, rng), Error);
}
