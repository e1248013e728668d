#include <doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "engine/core/error.h"
#include "engine/nn/model.h"
#include "engine/train/trainer.h"

using namespace seqlab;
using namespace seqlab::train;

namespace {
// A periodic stream with a little structure: easy to learn, so the loss must fall quickly.
std::vector<std::int32_t> pattern_ids(int n) {
  const int period[] = {1, 2, 3, 4, 2, 5, 1, 3, 6, 2, 4, 7};
  std::vector<std::int32_t> ids(n);
  for (int i = 0; i < n; ++i) ids[i] = period[i % 12];
  return ids;
}

nn::ModelOptions small_model(nn::CellType cell, int hidden = 16) {
  nn::ModelOptions c;
  c.cell = cell;
  c.vocab = 8;
  c.hidden = hidden;
  return c;
}

TrainOptions small_options(IteratorKind iterator = IteratorKind::Sequential) {
  TrainOptions o;
  o.batch = 4;
  o.steps = 6;
  o.iterator = iterator;
  o.optimizer.kind = OptimizerKind::Adam;
  o.optimizer.lr = 0.02;
  o.clip = 1.0;
  o.seed = 7;
  o.val_fraction = 0.1;
  return o;
}

bool all_finite(const nn::Model<float>& m) {
  for (std::size_t i = 0; i < m.parameter_count(); ++i)
    if (!std::isfinite(m.parameters()[i])) return false;
  return true;
}
}  // namespace

TEST_CASE("trainer: a tiny model's loss falls for every cell and iterator") {
  for (auto cell : {nn::CellType::Rnn, nn::CellType::Gru, nn::CellType::Lstm})
    for (auto iterator : {IteratorKind::Random, IteratorKind::Sequential}) {
      CAPTURE(static_cast<int>(cell));
      CAPTURE(static_cast<int>(iterator));
      Trainer trainer(small_model(cell), small_options(iterator), pattern_ids(600));
      const TrainReport first = trainer.run(5);
      TrainReport last;
      for (int i = 0; i < 30; ++i) last = trainer.run(10);
      CHECK(first.steps == 5);
      CHECK(last.loss < 0.5 * first.loss);
      CHECK(last.perplexity == doctest::Approx(std::exp(last.loss)));
      CHECK(trainer.evaluate() < 2.0);  // the pattern is almost deterministic
      CHECK(last.tokens == static_cast<std::int64_t>(305) * 4 * 6);
    }
}

TEST_CASE("trainer: the same seed gives a bit-identical loss curve and weights") {
  for (auto iterator : {IteratorKind::Random, IteratorKind::Sequential}) {
    TrainOptions o = small_options(iterator);
    o.truncation = nn::Truncation::parse("random:0.8");  // draws from the generator too
    Trainer a(small_model(nn::CellType::Gru), o, pattern_ids(500));
    Trainer b(small_model(nn::CellType::Gru), o, pattern_ids(500));
    o.seed = 8;
    Trainer c(small_model(nn::CellType::Gru), o, pattern_ids(500));
    bool differs = false;
    for (int i = 0; i < 25; ++i) {
      const double la = a.run(1).loss, lb = b.run(1).loss, lc = c.run(1).loss;
      CHECK(la == lb);  // exact
      differs = differs || la != lc;
    }
    CHECK(differs);
    for (std::size_t i = 0; i < a.model().parameter_count(); ++i)
      REQUIRE(a.model().parameters()[i] == b.model().parameters()[i]);
    CHECK(a.evaluate() == b.evaluate());
  }
}

TEST_CASE("trainer: clipping fires when the gradient norm exceeds theta and bounds the step") {
  TrainOptions o = small_options();
  o.optimizer.kind = OptimizerKind::Sgd;
  o.optimizer.lr = 0.5;
  o.clip = 1e-3;
  Trainer trainer(small_model(nn::CellType::Rnn), o, pattern_ids(400));
  const std::vector<float> before(trainer.model().parameters(),
                                  trainer.model().parameters() + trainer.model().parameter_count());
  const TrainReport r = trainer.run(1);
  CHECK(r.grad_norm > 1e-3);
  CHECK(r.clip_fraction == 1.0);
  double step = 0;  // SGD moves by lr * min(1, theta / ||g||) * g: a step of length lr * theta exactly
  for (std::size_t i = 0; i < before.size(); ++i) {
    const double d = trainer.model().parameters()[i] - before[i];
    step += d * d;
  }
  CHECK(std::sqrt(step) == doctest::Approx(0.5 * 1e-3).epsilon(1e-3));

  TrainOptions loose = o;
  loose.clip = 1e6;
  trainer.set_options(loose);
  CHECK(trainer.run(3).clip_fraction == 0.0);
  loose.clip = 0;  // off
  trainer.set_options(loose);
  CHECK(trainer.run(3).clip_fraction == 0.0);
}

TEST_CASE("trainer: a huge learning rate diverges, is reported, and the last finite weights come back") {
  nn::ModelOptions c = small_model(nn::CellType::Rnn, 32);
  c.activation = nn::Activation::Identity;  // the linear RNN: its state overflows once the weights are large
  TrainOptions o = small_options();
  o.optimizer.kind = OptimizerKind::Sgd;
  o.optimizer.lr = 1e4;
  o.clip = 0;
  o.steps = 30;
  Trainer trainer(c, o, pattern_ids(2000));
  TrainReport r;
  for (int i = 0; i < 20 && !r.diverged; ++i) r = trainer.run(5);
  REQUIRE(r.diverged);
  CHECK(r.message.find("diverged") != std::string::npos);
  CHECK(r.message.find("restored") != std::string::npos);
  CHECK(all_finite(trainer.model()));
  // Training can go on after lowering the learning rate.
  o.optimizer.lr = 1e-3;
  trainer.set_options(o);
  CHECK(all_finite(trainer.model()));
}

TEST_CASE("trainer: non-finite weights are caught before the update and replaced by the last finite ones") {
  Trainer trainer(small_model(nn::CellType::Lstm), small_options(), pattern_ids(400));
  trainer.run(2);
  std::vector<float> good(trainer.model().parameters(), trainer.model().parameters() + trainer.model().parameter_count());
  trainer.run(1);  // `good` gave a finite loss: it is now the fallback
  trainer.model().parameters()[3] = std::numeric_limits<float>::quiet_NaN();
  const TrainReport r = trainer.run(4);
  CHECK(r.diverged);
  CHECK(r.steps == 0);
  for (std::size_t i = 0; i < good.size(); ++i) REQUIRE(trainer.model().parameters()[i] == good[i]);
  CHECK_FALSE(trainer.run(2).diverged);
}

TEST_CASE("trainer: evaluation carries the state across chunks (one stream equals one long forward pass)") {
  TrainOptions o = small_options();
  o.batch = 1;  // one evaluation stream
  o.steps = 7;
  o.val_fraction = 0.2;
  const auto ids = pattern_ids(300);
  Trainer trainer(small_model(nn::CellType::Gru), o, ids);
  trainer.run(20);
  std::vector<std::int32_t> val(ids.end() - 60, ids.end());
  CHECK(trainer.validation_token_count() == 60u);
  nn::Model<float> copy = trainer.model();
  nn::State<float> state = copy.zero_state(1);
  const double sum = copy.loss_sum(val.data(), val.data() + 1, 1, 59, state);
  CHECK(trainer.evaluate() == doctest::Approx(std::exp(sum / 59)).epsilon(1e-5));
}

TEST_CASE("trainer: hyperparameters change between slices without resetting the model") {
  Trainer trainer(small_model(nn::CellType::Gru), small_options(), pattern_ids(500));
  const TrainReport a = trainer.run(40);
  TrainOptions o = trainer.options();
  o.optimizer.lr = 0.005;
  o.truncation = nn::Truncation::parse("fixed:3");
  o.optimizer.kind = OptimizerKind::Momentum;
  trainer.set_options(o);
  const TrainReport b = trainer.run(5);
  CHECK(b.tokens == a.tokens + 5 * 24);
  CHECK(b.call_tokens == 5 * 24);  // this call's; tokens and total_steps are the run's
  CHECK(b.total_steps == a.total_steps + 5);
  CHECK(b.to_json().at("runTokens").as_number() == static_cast<double>(b.tokens));
  CHECK(b.to_json().at("callTokens").as_number() == 5 * 24);
  CHECK(b.loss < a.loss * 1.5);  // still trained: no re-initialisation
  o.seed = 99;
  CHECK_THROWS_AS(trainer.set_options(o), Error);
  o = trainer.options();
  o.batch = 2;  // reshaping restarts the epoch, keeps the weights
  trainer.set_options(o);
  CHECK(trainer.run(1).tokens == b.tokens + 2 * 6);
}

TEST_CASE("trainer: epochs end where the iterator says and the report counts them") {
  Trainer trainer(small_model(nn::CellType::Rnn), small_options(), pattern_ids(500));
  const std::size_t per_epoch = trainer.batches_per_epoch();
  const TrainReport r = trainer.run(1000, /*stop_at_epoch_end=*/true);
  CHECK(r.epoch_end);
  CHECK(r.epochs_completed == 1);
  CHECK(r.steps <= static_cast<int>(per_epoch));
  CHECK(r.epoch == doctest::Approx(1.0));
}

TEST_CASE("trainer: options are validated and read from JSON") {
  const TrainOptions o = TrainOptions::from_json(Json::parse(
      R"({"batch":8,"steps":10,"iterator":"random","optimizer":"adam","lr":0.01,"clip":0,"truncation":"fixed:5","seed":3})"));
  CHECK(o.batch == 8);
  CHECK(o.iterator == IteratorKind::Random);
  CHECK(o.optimizer.kind == OptimizerKind::Adam);
  CHECK(o.truncation.to_string() == "fixed:5");
  CHECK(TrainOptions::from_json(o.to_json()).to_json().dump() == o.to_json().dump());
  CHECK_THROWS_AS(TrainOptions::from_json(Json::parse(R"({"lr":-1})")), Error);
  CHECK_THROWS_AS(TrainOptions::from_json(Json::parse(R"({"learningRate":1})")), Error);
  CHECK_THROWS_AS(TrainOptions::from_json(Json::parse(R"({"clip":-2})")), Error);
  CHECK_THROWS_AS(Trainer(small_model(nn::CellType::Rnn), small_options(), pattern_ids(20)), Error);  // too short
  auto bad = pattern_ids(500);
  bad[10] = 8;  // outside the vocabulary of 8
  CHECK_THROWS_AS(Trainer(small_model(nn::CellType::Rnn), small_options(), bad), Error);
}
