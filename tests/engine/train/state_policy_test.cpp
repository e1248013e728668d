// The hidden state between minibatches (docs/math.md §6): the sequential iterator carries it (row b of minibatch
// k + 1 continues row b of minibatch k), the random one starts every minibatch from zero. The trainer's
// reported loss of minibatch k is checked against both policies computed here from the model alone
// (Model::loss_sum with a state we carry or not). The text is one token repeated, so every minibatch holds
// the same tokens whatever the epoch's offset and the shuffle: only the state entering it can differ. The
// learning rate is 1e-20 (plain SGD; 0 is outside the option's range): an update that small rounds away in
// float32 against weights near 0.1, so the weights stay those the state was computed with.
#include <doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/core/rng.h"
#include "engine/nn/model.h"
#include "engine/train/trainer.h"
#include "tests/engine/nn/hand_forward.h"

using namespace seqlab;
using namespace seqlab::train;

TEST_CASE("trainer: the sequential iterator carries the state between minibatches, the random one resets it") {
  constexpr int B = 3, T = 4, k = 3;  // k minibatches before the checked one, all inside the first epoch
  const std::vector<std::int32_t> ids(400, 1);  // vocabulary {<unk>, one token}
  for (const auto cell : {nn::CellType::Rnn, nn::CellType::Gru, nn::CellType::Lstm})
    for (const auto kind : {IteratorKind::Sequential, IteratorKind::Random}) {
      INFO(nn::to_string(cell) << " " << iterator_kind_name(kind));
      nn::ModelOptions c;
      c.cell = cell;
      c.vocab = 2;
      c.hidden = 8;
      TrainOptions o;
      o.batch = B;
      o.steps = T;
      o.iterator = kind;
      o.optimizer.kind = OptimizerKind::Sgd;
      o.optimizer.lr = 1e-20;
      o.val_fraction = 0;
      o.seed = 3;
      Trainer trainer(c, o, ids);
      REQUIRE(trainer.batches_per_epoch() > k + 1);
      trainer.run(k);
      const double reported = trainer.run(1).loss;

      nn::Model<float>& m = trainer.model();
      const std::vector<std::int32_t> window(B * T, 1);
      nn::State<float> carried = m.zero_state(B);
      for (int i = 0; i < k; ++i) m.loss_sum(window.data(), window.data(), B, T, carried);
      const double with_carried_state = m.loss_sum(window.data(), window.data(), B, T, carried) / (B * T);
      nn::State<float> zero = m.zero_state(B);
      const double from_zero_state = m.loss_sum(window.data(), window.data(), B, T, zero) / (B * T);
      // The two policies give clearly different losses here, so the check below can tell them apart.
      REQUIRE(std::abs(with_carried_state - from_zero_state) > 1e-4);
      const double expected = kind == IteratorKind::Sequential ? with_carried_state : from_zero_state;
      CHECK(reported == doctest::Approx(expected).epsilon(1e-6));
    }
}

// Row by row: distinct tokens, so every row of a minibatch holds other tokens and carries another state.
// Rows swapped, row 0's state copied to every row, or a state not carried all change the loss. The
// reference is a forward pass written out here (tests/engine/nn/hand_forward.h, double), one row at a time:
// row b of minibatch k is stream b's window k (docs/math.md §6: offset + b * L + k * T with L = (N - offset - 1) / B),
// run from the zero state through windows 0..k of its own stream. The epoch's offset is drawn as the trainer
// draws it: the weights first, then one draw below T per epoch (full truncation and SGD draw nothing else).
// A second epoch starts its streams from the zero state again, at its own offset.
TEST_CASE("trainer: the sequential iterator carries each row's own state (distinct rows, reference by hand)") {
  constexpr int B = 3, T = 4;
  std::vector<std::int32_t> ids(203);
  Rng text(21);
  for (auto& id : ids) id = static_cast<std::int32_t>(text.below(6));
  for (const auto cell : {nn::CellType::Rnn, nn::CellType::Gru}) {
    INFO(nn::to_string(cell));
    nn::ModelOptions c;
    c.cell = cell;
    c.vocab = 6;
    c.hidden = 8;
    TrainOptions o;
    o.batch = B;
    o.steps = T;
    o.iterator = IteratorKind::Sequential;
    o.optimizer.kind = OptimizerKind::Sgd;
    o.optimizer.lr = 1e-20;
    o.val_fraction = 0;
    o.seed = 5;
    Trainer trainer(c, o, ids);

    // The trainer's draws, replayed: the weights (checked equal), then the offset of each epoch.
    Rng draws(o.seed);
    nn::ModelOptions seeded = c;
    seeded.seed = o.seed;
    nn::Model<float> twin(seeded);
    twin.initialize(draws);
    REQUIRE(std::equal(twin.parameters(), twin.parameters() + twin.parameter_count(), trainer.model().parameters()));
    const nn::test::HandForward hand(twin);

    for (int epoch = 0; epoch < 2; ++epoch) {
      const std::size_t offset = static_cast<std::size_t>(draws.below(T));
      const std::size_t L = (ids.size() - offset - 1) / B, batches = L / T;
      REQUIRE(batches >= 5);
      std::vector<Eigen::VectorXd> h(B, hand.zero_state());
      const std::size_t checked = epoch == 0 ? batches : 4;  // the whole first epoch, 4 minibatches of the second
      for (std::size_t k = 0; k < checked; ++k) {
        CAPTURE(epoch);
        CAPTURE(k);
        double sum = 0;
        for (std::size_t b = 0; b < static_cast<std::size_t>(B); ++b) sum += hand.loss_sum(ids, offset + b * L + k * T, T, h[b]);
        const TrainReport r = trainer.run(1);
        CHECK(r.loss == doctest::Approx(sum / (B * T)).epsilon(1e-5));
        CHECK(r.epoch_end == (k + 1 == batches));
      }
    }
    // The premise: the updates rounded away, the weights are those of the reference.
    CHECK(std::equal(twin.parameters(), twin.parameters() + twin.parameter_count(), trainer.model().parameters()));
  }
}
