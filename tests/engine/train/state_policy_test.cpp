// The hidden state between minibatches (MATH §6): the sequential iterator carries it (row b of minibatch
// k + 1 continues row b of minibatch k), the random one starts every minibatch from zero. The trainer's
// reported loss of minibatch k is checked against both policies computed here from the model alone
// (Model::loss_sum with a state we carry or not). The text is one token repeated, so every minibatch holds
// the same tokens whatever the epoch's offset and the shuffle: only the state entering it can differ. The
// learning rate is 1e-20 (plain SGD; 0 is outside the option's range): an update that small rounds away in
// float32 against weights near 0.1, so the weights stay those the state was computed with.
#include <doctest.h>

#include <cmath>
#include <vector>

#include "engine/nn/model.h"
#include "engine/train/trainer.h"

using namespace seqlab;
using namespace seqlab::train;

TEST_CASE("trainer: the sequential iterator carries the state between minibatches, the random one resets it") {
  constexpr int B = 3, T = 4, k = 3;  // k minibatches before the checked one, all inside the first epoch
  const std::vector<std::int32_t> ids(400, 1);  // vocabulary {<unk>, one token}
  for (const auto cell : {nn::CellType::Rnn, nn::CellType::Gru, nn::CellType::Lstm})
    for (const auto kind : {IteratorKind::Sequential, IteratorKind::Random}) {
      INFO(nn::to_string(cell) << " " << iterator_kind_name(kind));
      nn::ModelConfig c;
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
