// Trainer::probe (the BPTT lab's measurement on the model being trained): diagnostics of the last step's
// loss on the first B*T validation tokens from the zero state, equal to a direct model call on those tokens
// cut out of the stream here; and it changes nothing: a twin trainer that never probes trains to the same
// bits afterwards (weights, optimizer moments, carried state and generator untouched).
#include <doctest.h>

#include <vector>

#include "engine/core/error.h"
#include "engine/train/trainer.h"

using namespace seqlab;
using namespace seqlab::train;

namespace {
std::vector<std::int32_t> stream(int n) {
  std::vector<std::int32_t> ids(n);
  for (int i = 0; i < n; ++i) ids[i] = (i * 7 + i / 5) % 8;
  return ids;
}
}  // namespace

TEST_CASE("trainer probe: last-step diagnostics on the validation head, without side effects") {
  nn::ModelOptions c;
  c.cell = nn::CellType::Gru;
  c.vocab = 8;
  c.hidden = 12;
  TrainOptions o;
  o.batch = 3;
  o.steps = 5;
  o.optimizer.kind = OptimizerKind::Adam;
  o.optimizer.lr = 0.01;
  o.seed = 11;
  o.val_fraction = 0.2;
  o.truncation = nn::Truncation::parse("random:0.5");  // the generator is drawn from during training
  const auto ids = stream(400);
  Trainer probed(c, o, ids), twin(c, o, ids);
  probed.run(7);
  twin.run(7);
  const nn::Diagnostics d = probed.probe();

  // The same measurement made by hand: validation = the last 80 tokens; rows of T = 5 from its start.
  const std::size_t val_start = ids.size() - probed.validation_token_count();
  std::vector<std::int32_t> x, y;
  for (int i = 0; i < 3 * 5; ++i) {
    x.push_back(ids[val_start + i]);
    y.push_back(ids[val_start + i + 1]);
  }
  nn::Model<float> copy = probed.model();
  nn::State<float> s = copy.zero_state(3);
  Rng rng(0);
  nn::Diagnostics expected;
  copy.loss_and_gradients(x.data(), y.data(), 3, 5, nn::Truncation{}, rng, s, &expected,
                          nn::LossOptions{nn::LossSteps::Last, true});
  CHECK(d.hidden_grad_norms == expected.hidden_grad_norms);
  CHECK(d.path_norms == expected.path_norms);
  REQUIRE(d.path_norms.size() == 1);
  CHECK(d.path_norms[0].size() == 5);
  CHECK(d.path_terms.size() == 4);

  // No side effect: both trainers go on to the same bits.
  for (std::size_t i = 0; i < twin.model().parameter_count(); ++i) {
    REQUIRE(probed.model().parameters()[i] == twin.model().parameters()[i]);
    REQUIRE(probed.model().gradients()[i] == twin.model().gradients()[i]);
  }
  const TrainReport a = probed.run(5), b = twin.run(5);
  CHECK(a.loss == b.loss);
  CHECK(a.grad_norm == b.grad_norm);
  for (std::size_t i = 0; i < twin.model().parameter_count(); ++i)
    REQUIRE(probed.model().parameters()[i] == twin.model().parameters()[i]);

  ProbeOptions longer;
  longer.steps = 200;
  CHECK_THROWS_WITH_AS(probed.probe(longer), doctest::Contains("fewer than steps + 1 = 201"), Error);
  ProbeOptions wide;
  wide.batch = 100;  // only 15 rows of 5 fit in 80 validation tokens
  CHECK(probed.probe(wide).path_norms[0].size() == 5);
}
